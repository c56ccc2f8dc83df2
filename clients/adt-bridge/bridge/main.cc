// tocflow-adt: the HL7 v2 ADT (MLLP) bridge to tocflowd, and its --send mode.
#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>

#include "bridge/case_gateway.h"
#include "bridge/flags.h"
#include "bridge/message_handler.h"
#include "bridge/mllp_listener.h"
#include "bridge/mllp_sender.h"
#include "hl7/message.h"

namespace {

using namespace tocflow::adt;

std::mutex log_mutex;

void Log(const std::string& line) {
  std::lock_guard lock(log_mutex);
  std::cout << "tocflow-adt: " << line << "\n" << std::flush;
}

// Sends every message of every file and prints "FILE: control id -> AA text". 0: all AA.
int SendFiles(const BridgeFlags& flags) {
  absl::StatusOr<std::unique_ptr<MllpSender>> sender = MllpSender::Connect(flags.send_to);
  if (!sender.ok()) {
    std::cerr << "tocflow-adt: " << sender.status().message() << "\n";
    return 1;
  }
  bool all_accepted = true;
  for (const std::string& file : flags.send_files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "tocflow-adt: cannot read " << file << "\n";
      return 1;
    }
    std::stringstream text;
    text << in.rdbuf();
    for (const std::string& message : SplitMessages(text.str())) {
      absl::StatusOr<std::string> ack = (*sender)->Exchange(message, flags.call_timeout * 3);
      if (!ack.ok()) {
        std::cerr << "tocflow-adt: " << file << ": " << ack.status().message() << "\n";
        return 1;
      }
      absl::StatusOr<hl7::Message> parsed = hl7::ParseMessage(*ack);
      const hl7::Segment* msa = parsed.ok() ? parsed->Find("MSA") : nullptr;
      const std::string code = msa ? msa->Get(1) : "??";
      std::cout << file << ": " << (msa ? msa->Get(2) : "") << " -> " << code;
      if (msa && !msa->Get(3).empty()) std::cout << " " << msa->Get(3);
      std::cout << "\n";
      all_accepted = all_accepted && code == "AA";
    }
  }
  return all_accepted ? 0 : 3;
}

}  // namespace

int main(int argc, char** argv) {
  absl::StatusOr<BridgeFlags> flags = ParseFlags(argc, argv);
  if (!flags.ok()) {
    std::cerr << "tocflow-adt: " << flags.status().message() << "\n";
    return 2;
  }
  if (flags->help) {
    std::cout << Usage();
    return 0;
  }
  if (!flags->send_files.empty()) return SendFiles(*flags);

  // SIGINT/SIGTERM are blocked in every thread and taken by sigwait on the main thread
  // (before the gRPC channel below starts any thread).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  if (const char* token = std::getenv("TOCFLOW_TOKEN");
      flags->security.token.empty() && token != nullptr && *token != '\0') {
    flags->security.token = token;
  }
  // Bad TLS files or token: a usage error before anything listens (never the token itself).
  absl::StatusOr<std::unique_ptr<GrpcCaseGateway>> gateway =
      GrpcCaseGateway::Connect(flags->server, flags->security, flags->call_timeout);
  if (!gateway.ok()) {
    std::cerr << "tocflow-adt: " << gateway.status().message() << "\n";
    return 2;
  }

  MessageHandler handler(gateway->get(), flags->mapping, Log);
  ListenerCallbacks callbacks;
  callbacks.on_message = [&](std::string_view payload) { return handler.Handle(payload); };
  callbacks.on_oversize = [&](size_t size) { return handler.RejectOversize(size); };
  callbacks.log = Log;
  absl::StatusOr<std::unique_ptr<MllpListener>> listener =
      MllpListener::Start(flags->listener, callbacks);
  if (!listener.ok()) {
    std::cerr << "tocflow-adt: cannot start: " << listener.status().message() << "\n";
    return 1;
  }
  const tocflow::cli::ChannelSecurity& security = flags->security;
  std::string how = !security.tls_cert.empty() ? " over mutual TLS" : "";
  if (how.empty() && security.tls()) how = " over TLS";
  if (!security.token.empty()) how += " with a bearer token";
  Log("listening on " + (*listener)->address() + " (MLLP; tocflowd at " + flags->server + how +
      ", provider " + flags->mapping.provider_ods + "). Ctrl-C stops.");

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  Log(std::string(signal_number == SIGINT ? "SIGINT" : "SIGTERM") +
      ": finishing the messages in progress");
  (*listener)->Stop();
  Log("stopped");
  return 0;
}
