#include "case_view.h"

#include "cli/format.h"
#include "cli/table.h"

namespace tocflow::cli {
namespace {

namespace pb = google::protobuf;
namespace v1 = tocflow::v1;

// "name=value" for every set field of `message`, nested messages by dotted names.
void AppendFields(const pb::Message& message, const std::string& prefix, std::string& out) {
  std::vector<const pb::FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  const pb::Reflection* r = message.GetReflection();
  for (const pb::FieldDescriptor* f : fields) {
    if (f->is_repeated()) continue;
    std::string value;
    switch (f->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_STRING:
        value = r->GetString(message, f);
        if (value.find(' ') != std::string::npos) value = "\"" + value + "\"";
        break;
      case pb::FieldDescriptor::CPPTYPE_BOOL:
        value = r->GetBool(message, f) ? "true" : "false";
        break;
      case pb::FieldDescriptor::CPPTYPE_ENUM:
        value = EnumShortName(f->enum_type(), r->GetEnumValue(message, f));
        break;
      case pb::FieldDescriptor::CPPTYPE_INT32:
        value = std::to_string(r->GetInt32(message, f));
        break;
      case pb::FieldDescriptor::CPPTYPE_INT64:
        value = std::to_string(r->GetInt64(message, f));
        break;
      case pb::FieldDescriptor::CPPTYPE_MESSAGE: {
        const pb::Message& sub = r->GetMessage(message, f);
        if (f->message_type() == v1::Date::descriptor()) {
          value = FormatUkDate(static_cast<const v1::Date&>(sub));
        } else if (f->message_type() == pb::Timestamp::descriptor()) {
          value = FormatUkDateTime(static_cast<const pb::Timestamp&>(sub));
        } else {
          AppendFields(sub, prefix + f->name() + ".", out);
          continue;
        }
        break;
      }
      default:
        continue;
    }
    out += " " + prefix + f->name() + "=" + value;
  }
}

std::string PartyList(const pb::RepeatedPtrField<v1::AlertRecipient>& recipients) {
  std::string out;
  for (const auto& r : recipients) {
    if (!out.empty()) out += ", ";
    out += EnumShortName(v1::Role_descriptor(), r.role());
    if (!r.party().empty()) out += " (" + r.party() + ")";
  }
  return out;
}

void Line(std::ostream& out, const std::string& label, const std::string& value) {
  if (value.empty()) return;
  out << "  " << label << std::string(label.size() < 22 ? 22 - label.size() : 1, ' ') << value
      << "\n";
}

}  // namespace

std::string EventSummary(const v1::Event& event) {
  const pb::FieldDescriptor* type =
      event.GetReflection()->GetOneofFieldDescriptor(event, v1::Event::descriptor()->oneof_decl(0));
  if (type == nullptr) return "(no event)";
  std::string out = type->name();
  AppendFields(event.GetReflection()->GetMessage(event, type), "", out);
  return out;
}

std::string StatesLine(const pb::RepeatedPtrField<v1::RegionState>& states) {
  std::string out;
  for (const auto& s : states) out += (out.empty() ? "" : " ") + s.region() + "=" + s.state();
  return out;
}

void PrintCase(const v1::Case& c, std::ostream& out) {
  const v1::CaseFacts& f = c.facts();
  const v1::CaseIdentity& id = f.identity();
  out << "Case " << c.case_id() << "  version " << c.version() << (c.closed() ? "  CLOSED" : "")
      << "\n";
  Line(out, "NHS number", id.nhs_number_untraced() ? "untraced" : FormatNhs(id.nhs_number()));
  Line(out, "Local patient id", id.local_patient_id());
  Line(out, "Spell", id.provider_ods() + " " + id.spell_id());
  Line(out, "Where",
       id.site() + (id.ward().empty() ? "" : " ward " + id.ward()) +
           (id.bed().empty() ? "" : " bed " + id.bed()));
  Line(out, "Setting", EnumShortName(v1::Setting_descriptor(), id.setting()));
  Line(out, "Local authority / ICB", id.local_authority() + " / " + id.icb());
  Line(out, "Admitted",
       FormatUkDateTime(id.admitted_at()) + " (" +
           EnumShortName(v1::AdmissionMethod_descriptor(), id.admission_method()) + ")");
  Line(out, "Rule set", EnumShortName(v1::RuleSet_descriptor(), f.rule_set()));
  Line(out, "Expected discharge", FormatUkDate(f.stay().expected_discharge_date()));
  Line(out, "Discharge ready date", FormatUkDate(f.stay().discharge_ready_date()));
  Line(out, "Pathway", EnumShortName(v1::Pathway_descriptor(), f.stay().pathway()));
  Line(out, "Discharged", FormatUkDateTime(f.stay().discharged_at()));
  out << "\nStates\n";
  for (const auto& s : c.states()) Line(out, s.region(), s.state());
  if (!c.open_deadlines().empty()) {
    out << "\nOpen deadlines\n";
    for (const auto& d : c.open_deadlines()) {
      std::string owners;
      for (const auto& owner : d.owners()) {
        owners += (owners.empty() ? "  for " : ", ") +
                  EnumShortName(v1::Role_descriptor(), owner.role()) +
                  (owner.party().empty() ? "" : " (" + owner.party() + ")");
      }
      Line(out, EnumShortName(v1::DeadlineKind_descriptor(), d.kind()),
           FormatUkDateTime(d.due()) + owners);
    }
  }
  if (!c.parties().empty()) {
    out << "\nParties\n";
    for (const auto& p : c.parties()) {
      Line(out, EnumShortName(v1::Role_descriptor(), p.role()), p.party());
    }
  }
  out << "\nValid next events\n";
  if (c.valid_next_events().empty()) out << "  (none: the case is closed)\n";
  for (const auto& e : c.valid_next_events()) Line(out, e.region(), e.event());
}

void PrintCaseList(const v1::ListCasesResponse& list, std::ostream& out) {
  Table table({"CASE", "NHS NUMBER", "SPELL", "WARD", "LA", "ADMITTED", "DRD", "DELAY", "STATES",
               "NEXT DEADLINE"});
  for (const auto& c : list.cases()) {
    const auto& id = c.identity();
    std::string deadline;
    if (c.has_next_deadline()) {
      deadline = EnumShortName(v1::DeadlineKind_descriptor(), c.next_deadline().kind()) + " " +
                 FormatUkDateTime(c.next_deadline().due());
    }
    table.AddRow({c.case_id() + (c.closed() ? " (closed)" : ""),
                  id.nhs_number_untraced() ? "untraced" : FormatNhs(id.nhs_number()),
                  id.provider_ods() + " " + id.spell_id(), id.ward(), id.local_authority(),
                  FormatUkDateTime(id.admitted_at()), FormatUkDate(c.discharge_ready_date()),
                  c.current_delay_days() > 0 ? std::to_string(c.current_delay_days()) + "d" : "",
                  StatesLine(c.states()), deadline});
  }
  table.Render(out);
  out << list.cases_size() << " case(s)\n";
}

void PrintHistory(const v1::GetHistoryResponse& history, std::ostream& out) {
  Table table({"VERSION", "OCCURRED", "ACTOR", "EVENT"});
  for (const auto& e : history.events()) {
    table.AddRow({std::to_string(e.version()), FormatUkDateTime(e.occurred_at()), e.actor(),
                  EventSummary(e.event())});
  }
  table.Render(out);
}

std::string AlertLine(const v1::Alert& a) {
  std::string line = "#" + std::to_string(a.cursor()) + " " + FormatUkDateTime(a.raised_at()) +
                     " " + EnumShortName(v1::Severity_descriptor(), a.severity()) + " " +
                     EnumShortName(v1::AlertKind_descriptor(), a.kind()) + " case " + a.case_id() +
                     " to " + PartyList(a.recipients()) + ": " + a.message();
  if (a.has_due()) line += " (due " + FormatUkDateTime(a.due()) + ")";
  return line;
}

void PrintAlerts(const v1::ListAlertsResponse& alerts, std::ostream& out) {
  Table table({"CURSOR", "RAISED", "SEVERITY", "KIND", "CASE", "TO", "DUE", "ACKED", "MESSAGE"});
  for (const auto& a : alerts.alerts()) {
    std::string acked;
    if (!a.acknowledged_by().empty()) {
      acked = a.acknowledged_by() + " " + FormatUkDateTime(a.acknowledged_at());
    }
    table.AddRow({std::to_string(a.cursor()), FormatUkDateTime(a.raised_at()),
                  EnumShortName(v1::Severity_descriptor(), a.severity()),
                  EnumShortName(v1::AlertKind_descriptor(), a.kind()), a.case_id(),
                  PartyList(a.recipients()), FormatUkDateTime(a.due()), acked, a.message()});
  }
  table.Render(out);
  out << alerts.alerts_size() << " alert(s)\n";
}

}  // namespace tocflow::cli
