// Helpers for driving a Journey in tests: events at UTC times, a standard opening, and a
// small driver that applies events and keeps the effects.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "workflow/journey.h"

namespace workflow::testing {

// "2026-05-04T10:00Z" as a Timestamp; aborts the test binary on a typo.
inline Timestamp T(std::string_view utc) {
  auto parsed = ParseUtc(utc);
  if (!parsed) {
    ADD_FAILURE() << "bad time in test: " << utc;
    return Timestamp();
  }
  return *parsed;
}

inline Date D(std::string_view iso) { return *Date::Parse(iso); }

// An acute emergency admission with valid identifiers.
inline CaseOpened Opening(Timestamp admitted_at,
                          RuleSetId rule_set = RuleSetId::kDischargeToAssess2022,
                          AdmissionMethod method = AdmissionMethod::kEmergency) {
  CaseOpened opening;
  opening.nhs_number = "9434765919";
  opening.local_patient_id = "MRN001";
  opening.spell_id = "V100";
  opening.provider_ods = "RRV";
  opening.site = "Main";
  opening.ward = "Ward 7";
  opening.bed = "12";
  opening.setting = Setting::kAcute;
  opening.local_authority = "E09000007";
  opening.icb = "QMJ";
  opening.admitted_at = admitted_at;
  opening.admission_method = method;
  opening.rule_set = rule_set;
  return opening;
}

inline Event At(std::string_view utc, EventPayload payload, std::string actor = "tester") {
  return Event{std::move(actor), T(utc), std::move(payload)};
}

inline std::vector<AlertKind> KindsOf(const Effects& effects) {
  std::vector<AlertKind> kinds;
  for (const Alert& alert : effects.alerts) kinds.push_back(alert.kind);
  return kinds;
}

inline bool Sets(const Effects& effects, DeadlineKind kind) {
  return std::any_of(effects.deadlines_set.begin(), effects.deadlines_set.end(),
                     [&](const DeadlineSet& d) { return d.kind == kind; });
}

inline bool Cancels(const Effects& effects, DeadlineKind kind) {
  return std::find(effects.deadlines_cancelled.begin(), effects.deadlines_cancelled.end(), kind) !=
         effects.deadlines_cancelled.end();
}

// Applies events one by one, failing the test on any error, and keeps the last effects.
class Driver {
 public:
  explicit Driver(std::shared_ptr<const ReferenceData> reference = DefaultReferenceData())
      : journey_(std::move(reference)) {}

  const Effects& Apply(const Event& event) {
    auto result = journey_.Apply(event);
    EXPECT_TRUE(result.ok()) << EventName(event.payload) << ": " << result.status();
    last_ = result.ok() ? *result : Effects{};
    history_.push_back(event);
    return last_;
  }
  const Effects& Apply(std::string_view utc, EventPayload payload) {
    return Apply(At(utc, std::move(payload)));
  }
  // Applies an event that must be refused, and returns the status.
  absl::Status Reject(std::string_view utc, EventPayload payload) {
    auto result = journey_.Apply(At(utc, std::move(payload)));
    EXPECT_FALSE(result.ok()) << "accepted unexpectedly";
    return result.status();
  }
  // Fires a pending deadline at its due time.
  const Effects& Fire(DeadlineKind kind) {
    const auto& open = journey_.facts().open_deadlines;
    auto it = open.find(kind);
    EXPECT_NE(it, open.end()) << "deadline not pending: " << Name(kind);
    const Timestamp due = it == open.end() ? Timestamp() : it->second;
    return Apply(
        Event{"scheduler", std::max(due, *journey_.facts().last_event_at), DeadlineElapsed{kind}});
  }
  Timestamp Due(DeadlineKind kind) const {
    const auto& open = journey_.facts().open_deadlines;
    auto it = open.find(kind);
    return it == open.end() ? Timestamp() : it->second;
  }

  const Journey& journey() const { return journey_; }
  const CaseFacts& facts() const { return journey_.facts(); }
  std::string_view State(Region region) const { return journey_.State(region); }
  const std::vector<Event>& history() const { return history_; }

 private:
  Journey journey_;
  Effects last_;
  std::vector<Event> history_;
};

// The roles an alert goes to, in order.
inline std::vector<Role> Roles(const Alert& alert) {
  std::vector<Role> roles;
  for (const AlertRecipient& r : alert.recipients) roles.push_back(r.role);
  return roles;
}

// The standard opening: admitted Mon 1 Jun 2026 08:00Z, opened 08:30Z.
inline Driver OpenCase() {
  Driver driver;
  driver.Apply("2026-06-01T08:30Z", Opening(T("2026-06-01T08:00Z")));
  return driver;
}

// One step of a table-driven journey: the event at `at`, then the state expected in the region
// RunSteps checks, the alerts expected, and the state of its second region if it checks one.
// For a DeadlineElapsed step, `at` is also the due time worked out by hand, checked before firing.
struct Step {
  std::string at;
  EventPayload event;
  std::string_view state;
  std::vector<AlertKind> alerts;
  std::string_view second_state = {};
};

// Applies the steps in order, checking `region` (and `second`, if given) after each; returns
// the effects of each step.
inline std::vector<Effects> RunSteps(Driver& driver, Region region, std::optional<Region> second,
                                     const std::vector<Step>& steps) {
  std::vector<Effects> all;
  for (const Step& step : steps) {
    SCOPED_TRACE(std::string(EventName(step.event)) + " at " + step.at);
    if (const auto* elapsed = std::get_if<DeadlineElapsed>(&step.event)) {
      EXPECT_EQ(driver.Due(elapsed->kind), T(step.at)) << Name(elapsed->kind);
    }
    all.push_back(driver.Apply(step.at, step.event));
    EXPECT_EQ(driver.State(region), step.state);
    if (second) {
      EXPECT_EQ(driver.State(*second), step.second_state);
    } else {
      EXPECT_TRUE(step.second_state.empty()) << "second state given, but no second region";
    }
    EXPECT_EQ(KindsOf(all.back()), step.alerts);
  }
  return all;
}

inline std::vector<Effects> RunSteps(Driver& driver, Region region,
                                     const std::vector<Step>& steps) {
  return RunSteps(driver, region, std::nullopt, steps);
}

}  // namespace workflow::testing
