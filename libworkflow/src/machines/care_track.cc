// The arranging-care track (domain.md, track 4), with equipment as a second region.
#include "machines/msm_track.h"

namespace workflow {
namespace machines {
namespace {

// ---- States: care being arranged --------------------------------------------------------------
struct NotRequired : msm::front::state<> {
  static constexpr std::string_view kName = "NotRequired";
};
struct NeedsIdentified : msm::front::state<> {
  static constexpr std::string_view kName = "NeedsIdentified";
};
struct Sourcing : msm::front::state<> { static constexpr std::string_view kName = "Sourcing"; };
struct Offered : msm::front::state<> {
  static constexpr std::string_view kName = "ProviderOffered";
};
struct Funded : msm::front::state<> { static constexpr std::string_view kName = "Funded"; };
struct Confirmed : msm::front::state<> {
  static constexpr std::string_view kName = "StartConfirmed";
};
struct InPlace : msm::front::state<> { static constexpr std::string_view kName = "CareInPlace"; };

// ---- States: equipment (a side task with its own due date) ------------------------------------
struct NoEquipment : msm::front::state<> {
  static constexpr std::string_view kName = "NoEquipment";
};
struct Ordered : msm::front::state<> {
  static constexpr std::string_view kName = "EquipmentOrdered";
};
struct Delivered : msm::front::state<> {
  static constexpr std::string_view kName = "EquipmentDelivered";
};

// ---- Facts recorded ---------------------------------------------------------------------------
void RecordNeeds(const CareNeedsIdentified& e, TrackContext& c) {
  c.facts.care.care_type = e.care_type;
}
void RecordOffer(const ProviderOffered& e, TrackContext& c) { c.facts.care.provider = e.provider; }
void RecordDecline(const OfferDeclined&, TrackContext& c) {
  ++c.facts.care.offers_declined;
  c.facts.care.provider.clear();
}
// A declined offer may be recorded as delay reason G, patient or family choice.
void RecordChoiceDelay(const OfferDeclined& e, TrackContext& c) {
  DelayReason reason{DtocReason::kG_PatientOrFamilyChoice, std::nullopt, e.attribution};
  c.facts.stay.delay_reason = reason;
  c.facts.stay.delay_reason_history.push_back({c.now(), reason});
}
void RecordFunding(const FundingAgreed& e, TrackContext& c) {
  c.facts.care.weekly_cost_pence = e.weekly_cost_pence;
  c.facts.care.funder = e.funder;
}
void RecordStart(const StartConfirmed& e, TrackContext& c) {
  c.facts.care.start_date = e.start_date;
  if (!e.provider.empty()) c.facts.care.provider = e.provider;
}
void RecordInPlace(const CareInPlace&, TrackContext& c) { c.facts.care.in_place_at = c.now(); }
void RecordOrder(const EquipmentOrdered& e, TrackContext& c) {
  c.facts.care.equipment_items = e.items;
  c.facts.care.equipment_due = e.due_date;
  c.facts.care.equipment_delivered_at.reset();
}
void RecordDelivery(const EquipmentDelivered&, TrackContext& c) {
  c.facts.care.equipment_delivered_at = c.now();
}

// ---- Guards -----------------------------------------------------------------------------------
bool ChoiceDelayToRecord(const OfferDeclined& e, TrackContext& c) {
  if (!e.record_choice_delay) return false;
  if (c.facts.stay.ready_periods.empty() || c.facts.stay.ready_periods.back().end) {
    return Refuse(c, "a patient-choice delay can only be recorded while ready for discharge");
  }
  return true;
}
bool NoChoiceDelayToRecord(const OfferDeclined& e, TrackContext&) {
  return !e.record_choice_delay;
}

// ---- Named actions and guards for the table ---------------------------------------------------
using record_needs = Do<RecordNeeds>;
using start_sourcing = none;
using record_offer = Do<RecordOffer>;
using record_decline = Do<RecordDecline>;
using record_decline_as_choice_delay = Seq<Do<RecordDecline>, Do<RecordChoiceDelay>>;
using record_funding = Do<RecordFunding>;
using confirm_start = Seq<Do<RecordStart>, Raise<AlertKind::kCareStartConfirmed>>;
using put_in_place = Seq<Do<RecordInPlace>, Cancel<DeadlineKind::kFastTrackCareDue>>;
using order_equipment = Seq<Do<RecordOrder>, Schedule<DeadlineKind::kEquipmentOverdue>>;
using deliver_equipment = Seq<Do<RecordDelivery>, Cancel<DeadlineKind::kEquipmentOverdue>>;
using equipment_late = Raise<AlertKind::kEquipmentOverdue>;

using choice_delay_to_record = If<ChoiceDelayToRecord>;
using no_choice_delay_to_record = If<NoChoiceDelayToRecord>;
using equipment_due = Elapsed<DeadlineKind::kEquipmentOverdue>;

struct CareFront : TrackFront<CareFront> {
  using initial_state = mpl::vector<NotRequired, NoEquipment>;

  // clang-format off
  struct transition_table : mpl::vector<
  //     Source           Event                 Target           Action                          Guard
  // ---+----------------+---------------------+----------------+-------------------------------+---------------------------
  Row < NotRequired     , CareNeedsIdentified , NeedsIdentified, record_needs                  , none                      >,
  Row < NeedsIdentified , CareNeedsIdentified , none           , record_needs                  , none                      >,
  Row < NeedsIdentified , SourcingStarted     , Sourcing       , start_sourcing                , none                      >,
  Row < Sourcing        , ProviderOffered     , Offered        , record_offer                  , none                      >,
  Row < Offered         , OfferDeclined       , Sourcing       , record_decline                , no_choice_delay_to_record >,
  Row < Offered         , OfferDeclined       , Sourcing       , record_decline_as_choice_delay, choice_delay_to_record    >,
  Row < Offered         , FundingAgreed       , Funded         , record_funding                , none                      >,
  Row < Funded          , StartConfirmed      , Confirmed      , confirm_start                 , none                      >,
  Row < Confirmed       , StartConfirmed      , none           , confirm_start                 , none                      >,
  Row < Confirmed       , CareInPlace         , InPlace        , put_in_place                  , none                      >,
  // ---+----------------+---------------------+----------------+-------------------------------+---------------------------
  Row < NoEquipment     , EquipmentOrdered    , Ordered        , order_equipment               , none                      >,
  Row < Ordered         , EquipmentOrdered    , none           , order_equipment               , none                      >,
  Row < Ordered         , EquipmentDelivered  , Delivered      , deliver_equipment             , none                      >,
  Row < Ordered         , DeadlineElapsed     , none           , equipment_late                , equipment_due             >,
  Row < Delivered       , EquipmentOrdered    , Ordered        , order_equipment               , none                      >
  > {};
  // clang-format on
};

}  // namespace
}  // namespace machines

std::unique_ptr<Track> MakeCareTrack() {
  return std::make_unique<machines::MsmTrack<machines::CareFront>>();
}

}  // namespace workflow
