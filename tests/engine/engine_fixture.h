// Shared helpers for the engine tests: a temporary directory holding a real SQLite file, a
// manual clock, an engine over them that can be restarted, event builders, and a gate that
// holds the writer thread so that tests decide which commands share a group.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <future>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/clock.h"
#include "engine/command_engine.h"
#include "store/store.h"
#include "support/temp_dir.h"
#include "workflow/events.h"
#include "workflow/time.h"

namespace tocflow::engine::testing {

using Outcome = absl::StatusOr<CommandOutcome>;

inline workflow::Timestamp T(std::string_view utc) {
  std::optional<workflow::Timestamp> parsed = workflow::ParseUtc(utc);
  if (!parsed) ADD_FAILURE() << "bad time in test: " << utc;
  return parsed.value_or(workflow::Timestamp());
}

using ::tocflow::testing::TempDir;

// An acute emergency admission at 08:00Z on 1 June 2026, opened at 08:30Z.
inline workflow::Event Opening(const std::string& spell_id = "V100",
                               const std::string& provider_ods = "RRV") {
  workflow::CaseOpened opening;
  opening.nhs_number = "9434765919";
  opening.local_patient_id = "MRN-" + spell_id;
  opening.spell_id = spell_id;
  opening.provider_ods = provider_ods;
  opening.site = "Main";
  opening.ward = "Ward 7";
  opening.bed = "12";
  opening.setting = workflow::Setting::kAcute;
  opening.local_authority = "E09000007";
  opening.icb = "QMJ";
  opening.admitted_at = T("2026-06-01T08:00Z");
  opening.admission_method = workflow::AdmissionMethod::kEmergency;
  opening.rule_set = workflow::RuleSetId::kDischargeToAssess2022;
  return workflow::Event{"ward-clerk", T("2026-06-01T08:30Z"), opening};
}

inline workflow::Event At(std::string_view utc, workflow::EventPayload payload,
                          std::string actor = "nurse") {
  return workflow::Event{std::move(actor), T(utc), std::move(payload)};
}

inline Command OpenCommand(const std::string& request_id, const std::string& spell_id = "V100") {
  return Command{request_id, "", std::nullopt, Opening(spell_id)};
}

inline Command CaseCommand(const std::string& request_id, const std::string& case_id,
                           workflow::Event event,
                           std::optional<int64_t> expected_version = std::nullopt) {
  return Command{request_id, case_id, expected_version, std::move(event)};
}

// Assigns a party: valid whenever the case is open, raises no alert.
inline workflow::Event Assign(const std::string& party,
                              std::string_view utc = "2026-06-01T09:00Z") {
  return At(utc, workflow::PartyAssigned{workflow::Role::kWardDischargeCoordinator, party});
}

// A store file in a temporary directory, a manual clock, and an engine that can be restarted.
class EngineHarness {
 public:
  explicit EngineHarness(store::StoreOptions store_options = {}, int max_batch = 256)
      : clock_(T("2026-06-01T09:00Z")),
        store_options_(std::move(store_options)),
        max_batch_(max_batch) {}

  // Starts (or restarts) the engine on the file; false on failure (the test has failed).
  bool Start(std::function<std::string()> new_case_id = nullptr) {
    engine_.reset();
    absl::StatusOr<std::unique_ptr<store::Store>> store =
        store::Store::Open(path(), store_options_);
    EXPECT_TRUE(store.ok()) << store.status();
    if (!store.ok()) return false;
    EngineOptions options;
    options.clock = &clock_;
    options.max_batch = max_batch_;
    options.max_background_per_group = max_background_per_group_;
    options.max_background_beside_clients = max_background_beside_clients_;
    options.new_case_id = std::move(new_case_id);
    absl::StatusOr<std::unique_ptr<CommandEngine>> engine =
        CommandEngine::Start(*std::move(store), std::move(options));
    EXPECT_TRUE(engine.ok()) << engine.status();
    if (!engine.ok()) return false;
    engine_ = *std::move(engine);
    return true;
  }
  void Stop() { engine_.reset(); }
  // EngineOptions::max_background_per_group for the next Start.
  void set_max_background_per_group(int n) { max_background_per_group_ = n; }
  void set_max_background_beside_clients(int n) { max_background_beside_clients_ = n; }

  CommandEngine& engine() { return *engine_; }
  ManualClock& clock() { return clock_; }
  std::string path() const { return dir_.File("tocflow.db"); }

  // A fresh read connection (each read sees every commit answered so far).
  std::unique_ptr<store::StoreReader> Reader() {
    absl::StatusOr<std::unique_ptr<store::StoreReader>> reader =
        store::StoreReader::Open(path(), store_options_);
    EXPECT_TRUE(reader.ok()) << reader.status();
    return reader.ok() ? *std::move(reader) : nullptr;
  }
  size_t EventCount(const std::string& case_id) {
    absl::StatusOr<std::vector<store::StoredEvent>> events = Reader()->LoadEvents(case_id);
    EXPECT_TRUE(events.ok()) << events.status();
    return events.ok() ? events->size() : 0;
  }

  // Opens a case, failing the test on error; returns its id.
  std::string OpenCase(const std::string& request_id, const std::string& spell_id = "V100") {
    Outcome outcome = engine().Execute(OpenCommand(request_id, spell_id));
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    return outcome.ok() ? outcome->case_id : "";
  }

 private:
  TempDir dir_;  // destroyed last: after the engine has closed the file
  ManualClock clock_;
  store::StoreOptions store_options_;
  int max_batch_;
  int max_background_per_group_ = EngineOptions().max_background_per_group;
  int max_background_beside_clients_ = EngineOptions().max_background_beside_clients;
  std::unique_ptr<CommandEngine> engine_;
};

// Submits without blocking; the future holds the answer.
inline std::future<Outcome> Submit(CommandEngine& engine, Command command,
                                   Priority priority = Priority::kClient) {
  auto promise = std::make_shared<std::promise<Outcome>>();
  std::future<Outcome> future = promise->get_future();
  engine.ExecuteAsync(
      std::move(command), [promise](Outcome outcome) { promise->set_value(std::move(outcome)); },
      priority);
  return future;
}

// Holds the writer thread inside the answer of one command, so that commands submitted
// meanwhile are all queued when it is released: they are drained together (up to max_batch).
class WriterGate {
 public:
  WriterGate() = default;
  ~WriterGate() { Release(); }
  WriterGate(const WriterGate&) = delete;
  WriterGate& operator=(const WriterGate&) = delete;

  // Submits `command`, then blocks the writer thread right after it (in a writer task: callers
  // are answered on another thread) and returns once the command is answered and the writer is
  // blocked: commands submitted until Release queue up behind it.
  void Hold(CommandEngine& engine, Command command) {
    auto answered = std::make_shared<std::promise<void>>();
    std::future<void> answered_future = answered->get_future();
    engine.ExecuteAsync(std::move(command), [this, answered](Outcome outcome) {
      outcome_ = std::move(outcome);
      answered->set_value();
    });
    // The task waits on its own copy of the future: the gate may be destroyed (its destructor
    // releases it) while the writer thread is still returning from wait(). No alert has the
    // highest cursor, so the acknowledgement changes nothing.
    engine.AcknowledgeAlertAsync(
        std::numeric_limits<int64_t>::max(), "writer-gate",
        [this, released = released_future_](absl::StatusOr<store::AlertAck>) {
          entered_.set_value();
          released.wait();
        });
    answered_future.wait();
    entered_.get_future().wait();
  }
  void Release() {
    if (!released_) {
      released_ = true;
      released_promise_.set_value();
    }
  }
  // The held command's answer (once Hold returned).
  const Outcome& outcome() const { return outcome_; }

 private:
  std::promise<void> entered_;
  std::promise<void> released_promise_;
  std::shared_future<void> released_future_ = released_promise_.get_future().share();
  bool released_ = false;
  Outcome outcome_ = absl::UnknownError("not answered");
};

}  // namespace tocflow::engine::testing
