// tocflow.v1.CaseFacts back into workflow::CaseFacts: the inverse of ToWire(CaseFacts), used to
// read the facts the service stores beside each case (reports read them instead of replaying).
#include <optional>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "wire/case_view.h"
#include "wire/enum_codec.h"
#include "wire/time_codec.h"

namespace tocflow::wire {
namespace {

namespace v1 = tocflow::v1;
namespace wf = workflow;

// Decodes fields and keeps the first error. Field names are literals, so a read that succeeds
// allocates nothing (the reports decode every stored case).
class Decoder {
 public:
  template <typename Wire, typename Domain>
  void Enum(Wire value, std::string_view field, Domain& out) {
    if (status_.ok()) Keep(FromWire(value, field), out);
  }

  template <typename Wire, typename Domain>
  void OptionalEnum(Wire value, std::string_view field, std::optional<Domain>& out) {
    if (status_.ok()) Keep(OptionalFromWire(value, field), out);
  }

  // A Timestamp or Date message; left nullopt when unset.
  template <typename WireMessage, typename Domain>
  void Optional(bool present, const WireMessage& value, std::string_view field,
                std::optional<Domain>& out) {
    if (status_.ok() && present) Keep(FromWire(value, field), out);
  }

  // A Timestamp or Date message that must be set.
  template <typename WireMessage, typename Domain>
  void Required(bool present, const WireMessage& value, std::string_view field, Domain& out) {
    if (!status_.ok()) return;
    if (!present) {
      status_ = absl::InvalidArgumentError(std::string(field) + ": required");
      return;
    }
    Keep(FromWire(value, field), out);
  }

  const absl::Status& status() const { return status_; }

 private:
  // Stores the decoded value, or keeps the error.
  template <typename Value, typename Out>
  void Keep(absl::StatusOr<Value> decoded, Out& out) {
    if (decoded.ok()) {
      out = *std::move(decoded);
    } else {
      status_ = decoded.status();
    }
  }

  absl::Status status_;
};

void ReadIdentity(const v1::CaseIdentity& m, Decoder& d, wf::CaseIdentity& out) {
  out.nhs_number = m.nhs_number();
  out.nhs_number_untraced = m.nhs_number_untraced();
  out.local_patient_id = m.local_patient_id();
  out.spell_id = m.spell_id();
  out.provider_ods = m.provider_ods();
  out.site = m.site();
  out.ward = m.ward();
  out.bed = m.bed();
  d.Enum(m.setting(), "identity.setting", out.setting);
  out.local_authority = m.local_authority();
  out.icb = m.icb();
  d.Required(m.has_admitted_at(), m.admitted_at(), "identity.admitted_at", out.admitted_at);
  d.Enum(m.admission_method(), "identity.admission_method", out.admission_method);
  d.Enum(m.notice_exclusion(), "identity.notice_exclusion", out.notice_exclusion);
}

wf::DelayReason ReadReason(const v1::DelayReason& m, Decoder& d) {
  wf::DelayReason out;
  d.OptionalEnum(m.dtoc(), "delay_reason.dtoc", out.dtoc);
  d.OptionalEnum(m.nctr(), "delay_reason.nctr", out.nctr);
  d.Enum(m.attribution(), "delay_reason.attribution", out.attribution);
  return out;
}

void ReadStay(const v1::StayFacts& m, Decoder& d, wf::StayFacts& out) {
  d.Optional(m.has_expected_discharge_date(), m.expected_discharge_date(),
             "stay.expected_discharge_date", out.expected_discharge_date);
  d.OptionalEnum(m.pathway(), "stay.pathway", out.pathway);
  if (m.has_delay_reason()) out.delay_reason = ReadReason(m.delay_reason(), d);
  out.delay_reason_history.reserve(m.delay_reason_history_size());
  for (const v1::DelayReasonChange& c : m.delay_reason_history()) {
    wf::DelayReasonChange& change = out.delay_reason_history.emplace_back();
    d.Required(c.has_at(), c.at(), "stay.delay_reason_history.at", change.at);
    change.reason = ReadReason(c.reason(), d);
  }
  out.ready_periods.reserve(m.ready_periods_size());
  for (const v1::ReadyPeriod& p : m.ready_periods()) {
    wf::ReadyPeriod& period = out.ready_periods.emplace_back();
    d.Required(p.has_start(), p.start(), "stay.ready_periods.start", period.start);
    d.Optional(p.has_end(), p.end(), "stay.ready_periods.end", period.end);
    d.Enum(p.ended_by(), "stay.ready_periods.ended_by", period.ended_by);
  }
  d.Optional(m.has_discharged_at(), m.discharged_at(), "stay.discharged_at", out.discharged_at);
  d.Optional(m.has_died_at(), m.died_at(), "stay.died_at", out.died_at);
  d.Optional(m.has_cancelled_at(), m.cancelled_at(), "stay.cancelled_at", out.cancelled_at);
  out.discharge_destination = m.discharge_destination();
}

void ReadNotices(const v1::NoticeFacts& m, Decoder& d, wf::NoticeFacts& out) {
  d.Optional(m.has_assessment_notice_at(), m.assessment_notice_at(), "notices.assessment_notice_at",
             out.assessment_notice_at);
  d.Optional(m.has_deemed_given(), m.deemed_given(), "notices.deemed_given", out.deemed_given);
  d.Optional(m.has_minimum_period_end(), m.minimum_period_end(), "notices.minimum_period_end",
             out.minimum_period_end);
  out.patient_consulted = m.patient_consulted();
  out.patient_objected = m.patient_objected();
  d.Optional(m.has_discharge_notice_at(), m.discharge_notice_at(), "notices.discharge_notice_at",
             out.discharge_notice_at);
  d.Optional(m.has_proposed_discharge(), m.proposed_discharge(), "notices.proposed_discharge",
             out.proposed_discharge);
  d.Optional(m.has_relevant_day(), m.relevant_day(), "notices.relevant_day", out.relevant_day);
  out.relevant_day_passed = m.relevant_day_passed();
  out.la_assessment_started = m.la_assessment_started();
  out.la_assessment_completed = m.la_assessment_completed();
  out.services_decided = m.services_decided();
  out.la_services_in_place = m.la_services_in_place();
  out.liability.reserve(m.liability_size());
  for (const v1::LiabilityPeriod& p : m.liability()) {
    wf::LiabilityPeriod& period = out.liability.emplace_back();
    d.Required(p.has_start(), p.start(), "notices.liability.start", period.start);
    d.Optional(p.has_end(), p.end(), "notices.liability.end", period.end);
    period.ended_by_discharge = p.ended_by_discharge();
  }
  out.closed_by_discharge = m.closed_by_discharge();
}

void ReadChc(const v1::ChcFacts& m, Decoder& d, wf::ChcFacts& out) {
  if (m.has_checklist_positive()) out.checklist_positive = m.checklist_positive();
  d.Optional(m.has_referral_received_at(), m.referral_received_at(), "chc.referral_received_at",
             out.referral_received_at);
  d.Optional(m.has_decision_due(), m.decision_due(), "chc.decision_due", out.decision_due);
  out.fast_track = m.fast_track();
  d.Optional(m.has_fast_track_at(), m.fast_track_at(), "chc.fast_track_at", out.fast_track_at);
  d.Optional(m.has_assessment_scheduled_for(), m.assessment_scheduled_for(),
             "chc.assessment_scheduled_for", out.assessment_scheduled_for);
  if (m.has_dst_recommends_eligible()) out.dst_recommends_eligible = m.dst_recommends_eligible();
  if (m.has_eligible()) out.eligible = m.eligible();
  d.Optional(m.has_decided_at(), m.decided_at(), "chc.decided_at", out.decided_at);
  d.Optional(m.has_first_decided_at(), m.first_decided_at(), "chc.first_decided_at",
             out.first_decided_at);
  d.Optional(m.has_review_due(), m.review_due(), "chc.review_due", out.review_due);
  out.appeals = m.appeals();
}

void ReadCare(const v1::CareFacts& m, Decoder& d, wf::CareFacts& out) {
  d.OptionalEnum(m.care_type(), "care.care_type", out.care_type);
  out.provider = m.provider();
  out.offers_declined = m.offers_declined();
  if (m.has_weekly_cost_pence()) out.weekly_cost_pence = m.weekly_cost_pence();
  d.OptionalEnum(m.funder(), "care.funder", out.funder);
  d.Optional(m.has_start_date(), m.start_date(), "care.start_date", out.start_date);
  d.Optional(m.has_in_place_at(), m.in_place_at(), "care.in_place_at", out.in_place_at);
  out.equipment_items = m.equipment_items();
  d.Optional(m.has_equipment_due(), m.equipment_due(), "care.equipment_due", out.equipment_due);
  d.Optional(m.has_equipment_delivered_at(), m.equipment_delivered_at(),
             "care.equipment_delivered_at", out.equipment_delivered_at);
}

}  // namespace

absl::StatusOr<workflow::CaseFacts> FactsFromWire(const tocflow::v1::CaseFacts& m) {
  wf::CaseFacts out;
  Decoder d;
  ReadIdentity(m.identity(), d, out.identity);
  d.Enum(m.rule_set(), "rule_set", out.rule_set);
  d.Optional(m.has_opened_at(), m.opened_at(), "opened_at", out.opened_at);
  d.Optional(m.has_last_event_at(), m.last_event_at(), "last_event_at", out.last_event_at);
  ReadStay(m.stay(), d, out.stay);
  ReadNotices(m.notices(), d, out.notices);
  ReadChc(m.chc(), d, out.chc);
  ReadCare(m.care(), d, out.care);
  if (!d.status().ok()) return d.status();
  return out;
}

}  // namespace tocflow::wire
