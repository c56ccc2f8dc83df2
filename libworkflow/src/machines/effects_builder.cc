#include "machines/effects_builder.h"

#include <algorithm>
#include <cstdio>

#include "workflow/alert_rules.h"
#include "workflow/calendar.h"

namespace workflow {

Date TrackContext::today() const { return LondonDate(event.occurred_at); }

namespace {

std::string Pounds(int64_t pence) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "£%lld.%02lld", static_cast<long long>(pence / 100),
                static_cast<long long>(pence % 100));
  return buffer;
}

// "spell V123 (MRN 456), Ward 7 bed 3": enough to find the patient, no clinical detail.
std::string CaseReference(const CaseIdentity& id) {
  std::string text = "spell " + id.spell_id + " (MRN " + id.local_patient_id + "), " + id.ward;
  if (!id.bed.empty()) text += " bed " + id.bed;
  return text;
}

std::string Hours(std::chrono::hours h) { return std::to_string(h.count()) + " hours"; }

std::string Day(std::optional<Date> d) { return d ? d->ToUkString() : std::string("(not set)"); }

std::string AlertText(const TrackContext& ctx, AlertKind kind) {
  const CaseFacts& f = ctx.facts;
  const std::string who = CaseReference(f.identity);
  switch (kind) {
    case AlertKind::kCaseOpened:
      return "New case: " + who + ", admitted " + FormatLondon(f.identity.admitted_at) +
             ". Assign a discharge coordinator and set the expected discharge date.";
    case AlertKind::kEddNotSet:
      return "No expected discharge date for " + who + " " + Hours(ctx.rules.edd_missing_after) +
             " after emergency admission: set the EDD.";
    case AlertKind::kPathwayNotAgreed:
      return who + " has been ready for discharge since " + Day(f.stay.DischargeReadyDate()) +
             " with no discharge pathway agreed: agree pathway 0-3.";
    case AlertKind::kDelayedSevenDays:
      return who + " has been delayed " + std::to_string(ctx.rules.stranded_days) +
             " days (ready since " + Day(f.stay.DischargeReadyDate()) +
             "): review at the escalation call.";
    case AlertKind::kDelayedTwentyOneDays:
      return who + " has been delayed " + std::to_string(ctx.rules.super_stranded_days) +
             " days (ready since " + Day(f.stay.DischargeReadyDate()) +
             "): senior escalation required.";
    case AlertKind::kAssessmentNoticeGiven:
      return "Assessment notice for " + who + ", treated as given " + Day(f.notices.deemed_given) +
             ": the minimum assessment period ends " + Day(f.notices.minimum_period_end) + ".";
    case AlertKind::kMinimumPeriodEndsTomorrow:
      return "The LA's minimum assessment period for " + who + " ends " +
             Day(f.notices.minimum_period_end) + " and the assessment is not complete.";
    case AlertKind::kDischargeNoticeGiven:
      return "Discharge notice for " + who + ": proposed discharge " +
             Day(f.notices.proposed_discharge) + ", relevant day " + Day(f.notices.relevant_day) +
             ". Arrange the services needed by then.";
    case AlertKind::kLiabilityAccruing:
      return "Relevant day " + Day(f.notices.relevant_day) + " has passed and " + who +
             " is still in hospital, delayed solely by social care: reimbursement of " +
             Pounds(ReimbursementPencePerDay(ctx)) + " per day is accruing.";
    case AlertKind::kChcReferralReceived:
      return "CHC referral received for " + who + ": eligibility decision due by " +
             Day(f.chc.decision_due) + " (" + std::to_string(ctx.rules.chc_decision_days) +
             "-day standard).";
    case AlertKind::kChcAtRisk:
      return "CHC decision for " + who + " is due by " + Day(f.chc.decision_due) + " (day " +
             std::to_string(ctx.rules.chc_warning_day) + " of " +
             std::to_string(ctx.rules.chc_decision_days) + "): complete the assessment.";
    case AlertKind::kChcBreach:
      return "CHC decision for " + who + " was due by " + Day(f.chc.decision_due) + ": the " +
             std::to_string(ctx.rules.chc_decision_days) +
             "-day standard is breached; costs are refundable from day " +
             std::to_string(ctx.rules.chc_decision_days + 1) + ".";
    case AlertKind::kFastTrackReferral:
      return "Fast Track referral for " + who + ": accept and put care in place within " +
             Hours(ctx.rules.fast_track_care_in_place) + ".";
    case AlertKind::kFastTrackCareOverdue:
      return "Fast Track care for " + who + " is not in place " +
             Hours(ctx.rules.fast_track_care_in_place) + " after referral.";
    case AlertKind::kChcReviewDue:
      return "CHC eligibility review for " + who + " is due " + Day(f.chc.review_due) + ".";
    case AlertKind::kChcDelayCodingCheck:
      return "Delay for " + who +
             " is coded awaiting CHC but attributed to social care: CHC delays are NHS; check the "
             "attribution.";
    case AlertKind::kCareStartConfirmed:
      return "Care for " + who + " starts " + Day(f.care.start_date) + " with " + f.care.provider +
             ": book transport for discharge.";
    case AlertKind::kEquipmentOverdue:
      return "Equipment for " + who + " (" + f.care.equipment_items + ") was due " +
             Day(f.care.equipment_due) + " and has not been delivered.";
    case AlertKind::kDischarged:
      return "Discharged: " + who + " on " + FormatLondon(ctx.now()) +
             (f.stay.discharge_destination.empty() ? std::string()
                                                   : " to " + f.stay.discharge_destination) +
             ".";
  }
  return std::string(Name(kind));
}

std::optional<Timestamp> AlertDue(const TrackContext& ctx, AlertKind kind) {
  const CaseFacts& f = ctx.facts;
  auto day_start = [](std::optional<Date> d) -> std::optional<Timestamp> {
    if (!d) return std::nullopt;
    return StartOfLondonDay(*d);
  };
  switch (kind) {
    case AlertKind::kAssessmentNoticeGiven:
    case AlertKind::kMinimumPeriodEndsTomorrow:
      return f.notices.minimum_period_end ? day_start(f.notices.minimum_period_end->AddDays(1))
                                          : std::nullopt;
    case AlertKind::kDischargeNoticeGiven:
      return day_start(f.notices.relevant_day);
    case AlertKind::kChcReferralReceived:
    case AlertKind::kChcAtRisk:
      return f.chc.decision_due ? day_start(f.chc.decision_due->AddDays(1)) : std::nullopt;
    case AlertKind::kFastTrackReferral:
      return ctx.now() + ctx.rules.fast_track_care_in_place;
    case AlertKind::kChcReviewDue:
      return day_start(f.chc.review_due);
    default:
      return std::nullopt;
  }
}

}  // namespace

int64_t ReimbursementPencePerDay(const TrackContext& ctx) {
  const auto rate = ctx.rules.RateOn(ctx.today());
  if (!rate) return 0;
  return ctx.reference.PaysHigherRate(ctx.facts.identity.local_authority) ? rate->higher_pence
                                                                          : rate->standard_pence;
}

void RaiseAlert(TrackContext& ctx, AlertKind kind) {
  const AlertRule& rule = GetAlertRule(kind);
  Alert alert;
  alert.kind = kind;
  alert.severity = rule.severity;
  for (Role role : rule.roles) {
    auto assigned = ctx.facts.parties.find(role);
    alert.recipients.push_back(
        {role, assigned == ctx.facts.parties.end() ? std::string() : assigned->second});
  }
  alert.message = AlertText(ctx, kind);
  alert.raised_at = ctx.now();
  alert.due = AlertDue(ctx, kind);
  if (kind == AlertKind::kLiabilityAccruing) alert.pence_per_day = ReimbursementPencePerDay(ctx);
  ctx.effects.alerts.push_back(std::move(alert));
}

Timestamp DeadlineDue(const TrackContext& ctx, DeadlineKind kind) {
  const CaseFacts& f = ctx.facts;
  const RuleSet& rules = ctx.rules;
  const Date drd = f.stay.DischargeReadyDate().value_or(ctx.today());
  switch (kind) {
    case DeadlineKind::kEddMissing:
      return f.identity.admitted_at + rules.edd_missing_after;
    case DeadlineKind::kPathwayNotAgreed:
      return ctx.now() + rules.pathway_not_agreed_after;
    case DeadlineKind::kDelayedSevenDays:
      return StartOfLondonDay(drd.AddDays(rules.stranded_days));
    case DeadlineKind::kDelayedTwentyOneDays:
      return StartOfLondonDay(drd.AddDays(rules.super_stranded_days));
    case DeadlineKind::kMinimumPeriodEndsTomorrow:
      return StartOfLondonDay(f.notices.minimum_period_end.value_or(ctx.today()).AddDays(-1));
    case DeadlineKind::kRelevantDayPassed:
      return StartOfLondonDay(f.notices.relevant_day.value_or(ctx.today()).AddDays(1));
    case DeadlineKind::kChcAtRisk:
    case DeadlineKind::kChcBreach: {
      const Date receipt = LondonDate(f.chc.referral_received_at.value_or(ctx.now()));
      const int day =
          kind == DeadlineKind::kChcAtRisk ? rules.chc_warning_day : rules.chc_decision_days + 1;
      return StartOfLondonDay(receipt.AddDays(day));
    }
    case DeadlineKind::kFastTrackCareDue:
      return f.chc.fast_track_at.value_or(ctx.now()) + rules.fast_track_care_in_place;
    case DeadlineKind::kChcReviewDue:
      return StartOfLondonDay(f.chc.review_due.value_or(ctx.today()));
    case DeadlineKind::kEquipmentOverdue:
      return StartOfLondonDay(f.care.equipment_due.value_or(ctx.today()).AddDays(1));
  }
  return ctx.now();
}

void SetDeadline(TrackContext& ctx, DeadlineKind kind) {
  const Timestamp due = DeadlineDue(ctx, kind);
  ctx.facts.open_deadlines[kind] = due;
  auto& set = ctx.effects.deadlines_set;
  set.erase(std::remove_if(set.begin(), set.end(), [&](const auto& d) { return d.kind == kind; }),
            set.end());
  set.push_back({kind, due});
}

void CancelDeadline(TrackContext& ctx, DeadlineKind kind) {
  auto& set = ctx.effects.deadlines_set;
  set.erase(std::remove_if(set.begin(), set.end(), [&](const auto& d) { return d.kind == kind; }),
            set.end());
  if (ctx.facts.open_deadlines.erase(kind) > 0) ctx.effects.deadlines_cancelled.push_back(kind);
}

bool Refuse(TrackContext& ctx, std::string why) {
  ctx.refusals.push_back(std::move(why));
  return false;
}

}  // namespace workflow
