// A readable dump of a journey's states, facts and pending deadlines, so that tests can compare
// two journeys (replayed, restored) field by field and print the difference.
#pragma once

#include <sstream>
#include <string>

#include "workflow/journey.h"

namespace workflow::testing {

inline std::string Show(const std::optional<Timestamp>& t) {
  return t ? FormatUtc(*t) : std::string("-");
}
inline std::string Show(const std::optional<Date>& d) {
  return d ? d->ToIsoString() : std::string("-");
}
template <class E>
std::string ShowEnum(const std::optional<E>& e) {
  return e ? std::string(Name(*e)) : std::string("-");
}
inline std::string Show(const std::optional<bool>& b) { return b ? (*b ? "yes" : "no") : "-"; }

inline std::string Fingerprint(const Journey& journey) {
  const CaseFacts& f = journey.facts();
  std::ostringstream out;
  for (int r = 0; r < kRegionCount; ++r) out << journey.State(static_cast<Region>(r)) << ' ';
  out << "\nv" << journey.version() << " rule_set=" << RuleSetName(f.rule_set)
      << " opened=" << Show(f.opened_at) << " last=" << Show(f.last_event_at);
  const CaseIdentity& id = f.identity;
  out << "\nid " << id.nhs_number << ' ' << id.local_patient_id << ' ' << id.spell_id << ' '
      << id.provider_ods << ' ' << id.site << ' ' << id.ward << ' ' << id.bed << ' '
      << Name(id.setting) << ' ' << id.local_authority << ' ' << id.icb << ' '
      << FormatUtc(id.admitted_at);
  out << "\nparties";
  for (const auto& [role, party] : f.parties) out << ' ' << Name(role) << '=' << party;
  out << "\ndeadlines";
  for (const auto& [kind, due] : f.open_deadlines)
    out << ' ' << Name(kind) << '@' << FormatUtc(due);
  const StayFacts& s = f.stay;
  out << "\nstay edd=" << Show(s.expected_discharge_date) << " pathway=" << ShowEnum(s.pathway)
      << " discharged=" << Show(s.discharged_at) << " died=" << Show(s.died_at)
      << " cancelled=" << Show(s.cancelled_at) << " dest=" << s.discharge_destination;
  if (s.delay_reason) {
    out << " reason=" << ShowEnum(s.delay_reason->dtoc) << '/' << ShowEnum(s.delay_reason->nctr)
        << '/' << Name(s.delay_reason->attribution);
  }
  for (const ReadyPeriod& p : s.ready_periods) {
    out << " ready[" << FormatUtc(p.start) << ".." << Show(p.end) << ' '
        << static_cast<int>(p.ended_by) << ']';
  }
  for (const DelayReasonChange& c : s.delay_reason_history) {
    out << " reason@" << FormatUtc(c.at) << '=' << ShowEnum(c.reason.dtoc) << '/'
        << ShowEnum(c.reason.nctr) << '/' << Name(c.reason.attribution);
  }
  const NoticeFacts& n = f.notices;
  out << "\nnotices given=" << Show(n.assessment_notice_at) << " deemed=" << Show(n.deemed_given)
      << " min_end=" << Show(n.minimum_period_end) << " dn=" << Show(n.discharge_notice_at)
      << " proposed=" << Show(n.proposed_discharge) << " relevant=" << Show(n.relevant_day)
      << " passed=" << n.relevant_day_passed << " closed_by_discharge=" << n.closed_by_discharge
      << " la=" << n.la_assessment_started << n.la_assessment_completed << n.la_services_in_place
      << ' ' << n.services_decided;
  for (const LiabilityPeriod& p : n.liability) {
    out << " liable[" << FormatUtc(p.start) << ".." << Show(p.end) << ' ' << p.ended_by_discharge
        << ']';
  }
  const ChcFacts& c = f.chc;
  out << "\nchc checklist=" << Show(c.checklist_positive)
      << " received=" << Show(c.referral_received_at) << " due=" << Show(c.decision_due)
      << " ft=" << c.fast_track << ' ' << Show(c.fast_track_at)
      << " scheduled=" << Show(c.assessment_scheduled_for)
      << " dst=" << Show(c.dst_recommends_eligible) << " eligible=" << Show(c.eligible)
      << " decided=" << Show(c.decided_at) << " first=" << Show(c.first_decided_at)
      << " review=" << Show(c.review_due) << " appeals=" << c.appeals;
  const CareFacts& k = f.care;
  out << "\ncare type=" << ShowEnum(k.care_type) << " provider=" << k.provider
      << " declined=" << k.offers_declined
      << " cost=" << (k.weekly_cost_pence ? std::to_string(*k.weekly_cost_pence) : "-")
      << " funder=" << ShowEnum(k.funder) << " start=" << Show(k.start_date)
      << " in_place=" << Show(k.in_place_at) << " equipment=" << k.equipment_items << ' '
      << Show(k.equipment_due) << ' ' << Show(k.equipment_delivered_at);
  return out.str();
}

}  // namespace workflow::testing
