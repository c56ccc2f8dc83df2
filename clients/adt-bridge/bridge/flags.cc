// Flag parsing for tocflow-adt.
#include "bridge/flags.h"

#include <exception>
#include <map>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace tocflow::adt {
namespace {

constexpr const char* kUsage =
    R"(usage: tocflow-adt --provider-ods CODE [options]
       tocflow-adt --send FILE... [--to ADDR]

Bridges a hospital's HL7 v2 ADT feed (MLLP over TCP) to tocflowd: A01 opens a case, A02 and
A12 move it, A03 discharges it, A11 and A13 cancel the admission or the discharge, A08 moves it
when the location changed. Each message is acknowledged only once tocflowd has stored it: AA
accepted, AE content error (MSA-3 says why), AR unsupported type or version, unparseable, or
tocflowd unavailable or refusing the bridge's credentials (resend; a message is applied at most
once, keyed by MSH-3, MSH-4, MSH-10).

  --listen ADDR            IPv4 host:port to accept MLLP on (default 127.0.0.1:2575,
                           loopback only); port 0 picks a free port
  --server ADDR            tocflowd's gRPC address (default 127.0.0.1:50051)
  --token TOKEN            bearer token for tocflowd (default $TOCFLOW_TOKEN; prefer the
                           variable: a command line is visible to other local users)
  --tls-ca FILE            connect to tocflowd with TLS, verifying it against this PEM CA
  --tls-cert FILE, --tls-key FILE
                           PEM client certificate and key (tocflowd with mutual TLS)
  --tls-server-name NAME   the name tocflowd's certificate carries, when not the --server host
  --provider-ods CODE      the hospital's ODS code, the provider of every case (required)
  --local-authority CODE   responsible local authority of new cases, which ADT does not carry
                           (default UNKNOWN)
  --icb CODE               ICB of new cases (default UNKNOWN)
  --setting S              acute (default), community or mental_health
  --admission-method M     when PV1-4 is empty or unknown: other (default), emergency,
                           elective or transfer
  --notice-exclusion X     none (default), maternity, mental_health_care, palliative_care,
                           intermediate_care, rehabilitation or self_funded
  --rule-set R             server (default: the server's), ccdda_2003, care_act_2014 or
                           discharge_to_assess_2022
  --actor NAME             recorded as the actor of every command (default hl7-adt)
  --max-connections N      connections served at once (default 64)
  --max-frame-bytes N      largest message accepted (default 1048576)
  --timeout-ms N           deadline of each tocflowd call (default 10000)
  --send FILE...           send mode: send the messages of each file to --to, print each ACK,
                           exit 0 when every one was AA
  --to ADDR                where --send sends (default 127.0.0.1:2575)
  --help                   this text

Times: admitted_at is PV1-44, a discharge is at PV1-45, then EVN-6, EVN-2, else the receipt
time. Logs name the trigger, control id and ACK code only. Stops on SIGINT or SIGTERM after
acknowledging the messages in progress.
)";

template <typename Enum>
absl::Status Choose(const std::string& flag, const std::string& value,
                    const std::map<std::string, Enum>& choices, Enum* out) {
  auto it = choices.find(value);
  if (it == choices.end()) {
    return absl::InvalidArgumentError(flag + ": unknown value \"" + value + "\" (see --help)");
  }
  *out = it->second;
  return absl::OkStatus();
}

absl::StatusOr<long long> Number(const std::string& flag, const std::string& value) {
  try {
    size_t used = 0;
    const long long n = std::stoll(value, &used);
    if (used == value.size() && n > 0) return n;
  } catch (const std::exception&) {
  }
  return absl::InvalidArgumentError(flag + ": expected a positive number, got \"" + value + "\"");
}

}  // namespace

const char* Usage() { return kUsage; }

absl::StatusOr<BridgeFlags> ParseFlags(int argc, char** argv) {
  BridgeFlags flags;
  flags.mapping.local_authority = "UNKNOWN";
  flags.mapping.icb = "UNKNOWN";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      flags.help = true;
      return flags;
    }
    if (arg == "--send") {
      while (i + 1 < argc && std::string_view(argv[i + 1]).substr(0, 2) != "--") {
        flags.send_files.push_back(argv[++i]);
      }
      if (flags.send_files.empty()) return absl::InvalidArgumentError("--send: needs a file");
      continue;
    }
    std::string name = arg;
    std::string value;
    if (const size_t eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return absl::InvalidArgumentError(arg + ": needs a value");
    }
    absl::Status ok;
    if (name == "--listen") {
      flags.listener.listen = value;
    } else if (name == "--server") {
      flags.server = value;
    } else if (name == "--token") {
      flags.security.token = value;
    } else if (name == "--tls-ca") {
      flags.security.tls_ca = value;
    } else if (name == "--tls-cert") {
      flags.security.tls_cert = value;
    } else if (name == "--tls-key") {
      flags.security.tls_key = value;
    } else if (name == "--tls-server-name") {
      flags.security.tls_server_name = value;
    } else if (name == "--provider-ods") {
      flags.mapping.provider_ods = value;
    } else if (name == "--local-authority") {
      flags.mapping.local_authority = value;
    } else if (name == "--icb") {
      flags.mapping.icb = value;
    } else if (name == "--actor") {
      flags.mapping.actor = value;
    } else if (name == "--to") {
      flags.send_to = value;
    } else if (name == "--setting") {
      ok = Choose<v1::Setting>(name, value,
                               {{"acute", v1::SETTING_ACUTE},
                                {"community", v1::SETTING_COMMUNITY},
                                {"mental_health", v1::SETTING_MENTAL_HEALTH}},
                               &flags.mapping.setting);
    } else if (name == "--admission-method") {
      ok = Choose<v1::AdmissionMethod>(name, value,
                                       {{"other", v1::ADMISSION_METHOD_OTHER},
                                        {"emergency", v1::ADMISSION_METHOD_EMERGENCY},
                                        {"elective", v1::ADMISSION_METHOD_ELECTIVE},
                                        {"transfer", v1::ADMISSION_METHOD_TRANSFER}},
                                       &flags.mapping.admission_method);
    } else if (name == "--notice-exclusion") {
      ok = Choose<v1::NoticeExclusion>(
          name, value,
          {{"none", v1::NOTICE_EXCLUSION_NONE},
           {"maternity", v1::NOTICE_EXCLUSION_MATERNITY},
           {"mental_health_care", v1::NOTICE_EXCLUSION_MENTAL_HEALTH_CARE},
           {"palliative_care", v1::NOTICE_EXCLUSION_PALLIATIVE_CARE},
           {"intermediate_care", v1::NOTICE_EXCLUSION_INTERMEDIATE_CARE},
           {"rehabilitation", v1::NOTICE_EXCLUSION_REHABILITATION},
           {"self_funded", v1::NOTICE_EXCLUSION_SELF_FUNDED}},
          &flags.mapping.notice_exclusion);
    } else if (name == "--rule-set") {
      ok =
          Choose<v1::RuleSet>(name, value,
                              {{"server", v1::RULE_SET_UNSPECIFIED},
                               {"ccdda_2003", v1::RULE_SET_CCDDA_2003},
                               {"care_act_2014", v1::RULE_SET_CARE_ACT_2014},
                               {"discharge_to_assess_2022", v1::RULE_SET_DISCHARGE_TO_ASSESS_2022}},
                              &flags.mapping.rule_set);
    } else if (name == "--max-connections" || name == "--max-frame-bytes" ||
               name == "--timeout-ms") {
      absl::StatusOr<long long> n = Number(name, value);
      if (!n.ok()) return n.status();
      if (name == "--max-connections") flags.listener.max_connections = static_cast<size_t>(*n);
      if (name == "--max-frame-bytes") flags.listener.max_frame_bytes = static_cast<size_t>(*n);
      if (name == "--timeout-ms") flags.call_timeout = std::chrono::milliseconds(*n);
    } else {
      return absl::InvalidArgumentError(name + ": unknown flag (see --help)");
    }
    if (!ok.ok()) return ok;
  }
  if (flags.send_files.empty() && flags.mapping.provider_ods.empty()) {
    return absl::InvalidArgumentError("--provider-ods: required (the hospital's ODS code)");
  }
  for (const auto* required : {&flags.mapping.local_authority, &flags.mapping.icb}) {
    if (required->empty()) return absl::InvalidArgumentError("--local-authority/--icb: empty");
  }
  return flags;
}

}  // namespace tocflow::adt
