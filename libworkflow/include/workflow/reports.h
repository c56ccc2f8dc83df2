// Reports over cases' recorded facts: delayed days (the DTOC measure), the monthly delayed
// transfers of care return, the daily discharge ready date / NCTR position, CHC 28-day compliance
// and LA reimbursement under the notice rule sets (domain.md, "Counting delay" and "Reports").
//
// Every report is a pure function of the cases' facts and its parameters: it reads no clock (the
// "as at" instant is a parameter), keeps no state, keeps no reference to its arguments after it
// returns, and is safe to call from several threads at once.
//
// Conventions shared by all reports:
//  - Cases are passed as a CaseSource, one call of the visitor per case, in any order; each
//    report also takes `const std::vector<CaseFacts>&` for callers that hold them all. A report
//    keeps nothing of a case after its visit, so a source may stream cases from storage.
//  - Days are Europe/London calendar days (LondonDate); a "day" begins at StartOfLondonDay.
//  - Anything recorded as happening after `as_at` is treated as not having happened yet: a ready
//    period or liability period ending after `as_at` is still open at `as_at`, a discharge or
//    decision after `as_at` is not counted.
//  - A case whose admission was cancelled (stay.cancelled_at set: entered in error, HL7 A11) is
//    left out of every report.
//  - Invalid parameters give INVALID_ARGUMENT; the facts themselves are never rejected.
//
// Valid C++17.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "workflow/case_facts.h"
#include "workflow/codes.h"
#include "workflow/reference_data.h"
#include "workflow/time.h"

namespace workflow {

// Receives one case's facts; valid only during the call.
using CaseVisitor = absl::FunctionRef<void(const CaseFacts&)>;

// Calls the visitor once per case and returns OK, or the error that stopped it reading cases
// (the report then fails with that error). Parameters are checked before the source is called.
using CaseSource = absl::FunctionRef<absl::Status(CaseVisitor)>;

// ---------------------------------------------------------------------------------------------
// Counting delay (one case)
// ---------------------------------------------------------------------------------------------

// The delayed days of one case (the DTOC measure), ascending and without repeats.
//
// Day d counts when the patient is in hospital and ready for discharge at the midnight that ends
// d. A ready period starting on day s and ending on day e (discharge, death or meeting the
// criteria to reside again) contributes the days s <= d < e, so a patient discharged on the day
// they became ready contributes none. A period still open at `as_at` (or ending after it)
// contributes the days whose ending midnight is at or before `as_at`. A period is also cut at a
// recorded discharge or death earlier than its own end. Periods ended by kCancelled (entered in
// error) and cancelled cases contribute nothing.
std::vector<Date> DelayedDays(const CaseFacts& facts, Timestamp as_at);

// The discharge delay (the DRD measure): the London discharge date minus the final discharge
// ready date, in days. nullopt when the case has no discharge, or when no ready period was in
// force at discharge (the patient met the criteria to reside again and was discharged without a
// new DRD). Ready 4 May, criteria met again 6 May, ready 8 May, discharged 11 May: 3.
std::optional<int> DischargeDelayDays(const CaseFacts& facts);

// The delay reason in force at instant `t`: the latest entry of stay.delay_reason_history
// recorded at or before `t` (a later entry wins a tie) and not before the start of the ready
// period in force at `t` (a reason never carries into a later ready period). When the history is
// empty, stay.delay_reason (if any) is taken to have been in force throughout. nullopt when no
// reason had been recorded by `t`.
std::optional<DelayReason> DelayReasonInForce(const CaseFacts& facts, Timestamp t);

// ---------------------------------------------------------------------------------------------
// Delayed transfers of care, monthly
// ---------------------------------------------------------------------------------------------

// Delayed days by DTOC reason code and by attribution: the cells of the monthly return.
//
// A day is filed under the reason and attribution in force at the end of that day (its last
// second, see DelayReasonInForce). Two columns the national return did not have:
//  - reason nullopt ("not recorded"): no DTOC code in force, either because no delay reason had
//    been recorded or because only an NCTR reason was;
//  - attribution nullopt ("not recorded"): no delay reason recorded at all.
// Whoever fills in the national return should fold the "not recorded" reason into Other; we keep
// it apart so that missing coding is visible.
class DelayedDayTable {
 public:
  void Add(std::optional<DtocReason> reason, std::optional<Attribution> attribution, int64_t days);
  int64_t Days(std::optional<DtocReason> reason, std::optional<Attribution> attribution) const;
  int64_t DaysForReason(std::optional<DtocReason> reason) const;             // all attributions
  int64_t DaysForAttribution(std::optional<Attribution> attribution) const;  // all reasons
  int64_t Total() const;
  DelayedDayTable& operator+=(const DelayedDayTable& other);

 private:
  static constexpr int kReasonColumns = kEnumSize<DtocReason> + 1;        // + not recorded
  static constexpr int kAttributionColumns = kEnumSize<Attribution> + 1;  // + not recorded
  std::array<std::array<int64_t, kAttributionColumns>, kReasonColumns> days_{};
};

// The government's 2017 test for councils (s): social-care rate at or below this many delayed
// beds per 100,000 adults.
inline constexpr double kDtoc2017SocialCareRateLimit = 2.6;

// What the monthly DTOC report covers.
struct DtocMonthlyParams {
  int year = 0;
  int month = 0;  // 1..12
  // Days count once the midnight that ends them is at or before as_at: pass an instant after the
  // month for a complete month. A month in progress is counted up to as_at, but DTOC beds are
  // still delayed days / all the days of the month.
  Timestamp as_at;
  // Adults (18+) resident in each LA, by LA code. Optional: an LA without an entry gets no rates.
  // REQUIRES (else INVALID_ARGUMENT): every value > 0.
  std::map<std::string, int64_t> adult_population;
  // Only the cases of this responsible LA (identity.local_authority) when set: the rows, the
  // totals and the LA summaries cover that LA alone (population entries of others are ignored).
  std::optional<std::string> local_authority;
};

// One line of the return: one provider's delays for the residents of one responsible LA.
struct DtocProviderLaRow {
  std::string provider_ods;     // identity.provider_ods
  std::string local_authority;  // identity.local_authority
  DelayedDayTable acute;        // setting kAcute
  DelayedDayTable non_acute;    // settings kCommunity and kMentalHealth
  int patients = 0;             // cases with at least one delayed day in the month
  // Patients delayed at the midnight that ends the month's last Thursday (the pre-2017 snapshot);
  // nullopt when as_at is before that midnight.
  std::optional<int> snapshot_patients;

  int64_t TotalDays() const { return acute.Total() + non_acute.Total(); }
};

// One LA's month across all providers, with the rates per 100,000 adults.
//
// The social care figures count the days attributed to Social Care plus those attributed to Both,
// the convention of ASCOF 2C part 2 ("attributable to social care or jointly to social care and
// the NHS") that the 2017 tests and the IMPOWER index followed. NHS England published Both as a
// column of its own: it is kept apart in `days`, so other conventions can be derived.
struct DtocLaSummary {
  std::string local_authority;
  DelayedDayTable days;          // acute and non-acute together
  int64_t social_care_days = 0;  // Social Care + Both
  double dtoc_beds = 0;          // days.Total() / days in the month
  double social_care_beds = 0;   // social_care_days / days in the month
  std::optional<int64_t> adult_population;
  std::optional<double> rate_per_100k;              // dtoc_beds / population x 100,000
  std::optional<double> social_care_rate_per_100k;  // social_care_beds / population x 100,000
  // social_care_rate_per_100k <= kDtoc2017SocialCareRateLimit; nullopt without a population.
  std::optional<bool> meets_2017_social_care_test;
  std::optional<int> snapshot_patients;  // as in DtocProviderLaRow
};

// The monthly DTOC return.
struct DtocMonthlyReport {
  int year = 0;
  int month = 0;
  int days_in_month = 0;
  Date last_thursday;  // the snapshot day
  // Every provider and LA pair with a delayed day in the month, by provider then LA code.
  std::vector<DtocProviderLaRow> rows;
  // Every LA with a row or with a population entry (then possibly all zero), by LA code.
  std::vector<DtocLaSummary> local_authorities;
  DelayedDayTable acute;      // all rows
  DelayedDayTable non_acute;  // all rows
  double dtoc_beds = 0;       // (acute + non-acute) / days in the month
  std::optional<int> snapshot_patients;
};

// Builds the DTOC return for a month. INVALID_ARGUMENT when the month is not 1..12, the year not
// 1900..9999, or a population is not positive.
absl::StatusOr<DtocMonthlyReport> BuildDtocMonthlyReport(CaseSource cases,
                                                         const DtocMonthlyParams& params);
absl::StatusOr<DtocMonthlyReport> BuildDtocMonthlyReport(const std::vector<CaseFacts>& cases,
                                                         const DtocMonthlyParams& params);

// ---------------------------------------------------------------------------------------------
// Discharge ready date / NCTR, daily
// ---------------------------------------------------------------------------------------------

// Bands of discharge delay (discharge date - DRD) in the daily report.
enum class DischargeDelayBand {
  k0Days,
  k1Day,
  k2To3Days,
  k4To6Days,
  k7To13Days,
  k14To20Days,
  k21PlusDays,
};
inline constexpr int kDischargeDelayBands = 7;

// The band a discharge delay falls in; a negative delay (bad data) falls in k0Days.
DischargeDelayBand BandForDischargeDelay(int days);

// What the daily report covers.
struct DailyDischargeParams {
  Date day;  // the London day reported on
  // REQUIRES (else INVALID_ARGUMENT): as_at >= StartOfLondonDay(day). When as_at falls inside
  // the day, the position is taken at as_at instead of at the day's end.
  Timestamp as_at;
  // Only this provider's cases when set; all cases otherwise.
  std::optional<std::string> provider_ods;
};

// Patients still waiting whose current delay has reached a threshold, with their current reason
// (the NCTR code list) and attribution: those in force one second before the position instant,
// so that a change recorded at a day's ending midnight belongs to the next day.
struct LongDelayGroup {
  int patients = 0;
  std::array<int, kEnumSize<NctrReason>> by_reason{};        // indexed by NctrReason
  int reason_not_recorded = 0;                               // no NCTR reason in force
  std::array<int, kEnumSize<Attribution>> by_attribution{};  // indexed by Attribution
  int attribution_not_recorded = 0;                          // no delay reason at all
};

// The daily position.
//
// The "position" instant is the midnight that ends the day, or as_at when earlier. A patient
// does not meet the criteria to reside at the position when a ready period is in force then and
// they are still in hospital: at the day's end this is exactly "the day is one of their delayed
// days". Patients who were ready earlier in the day but were discharged, died or met the criteria
// again before the position are not counted (they appear under discharges when discharged).
//
// A remaining patient's current delay is the number of delayed days of their current ready
// period whose ending midnight is at or before the position: LondonDate(position) - DRD. At the
// day's end it is day - DRD + 1, which reaches 7 on the day the "stranded" alert fires.
struct DailyDischargeReport {
  Date day;
  Timestamp position_at;
  int not_meeting_criteria = 0;  // remaining in hospital, ready for discharge, at position_at
  // Discharges whose London date is `day` (and at or before as_at). Deaths are not discharges.
  int discharges = 0;
  std::array<int, kEnumSize<Pathway>> discharges_by_pathway{};  // indexed by Pathway
  int discharges_pathway_unknown = 0;                           // stay.pathway not recorded
  // Of those discharges, how many fell in each discharge delay band (indexed by
  // DischargeDelayBand), and how many had no DRD in force at discharge (see DischargeDelayDays).
  std::array<int, kDischargeDelayBands> discharge_delay_bands{};
  int discharges_without_drd = 0;
  LongDelayGroup delayed_7_plus;   // remaining patients with a current delay of 7+ days
  LongDelayGroup delayed_21_plus;  // ... of 21+ days (also counted in delayed_7_plus)
};

// Builds the daily report. INVALID_ARGUMENT when as_at is before the day begins.
absl::StatusOr<DailyDischargeReport> BuildDailyDischargeReport(CaseSource cases,
                                                               const DailyDischargeParams& params);
absl::StatusOr<DailyDischargeReport> BuildDailyDischargeReport(const std::vector<CaseFacts>& cases,
                                                               const DailyDischargeParams& params);

// ---------------------------------------------------------------------------------------------
// CHC 28-day standard, monthly
// ---------------------------------------------------------------------------------------------

// What the CHC report covers.
struct ChcComplianceParams {
  int year = 0;
  int month = 0;  // 1..12
  // Decisions, Fast Track referrals and ages are taken as known at the end of the month, or at
  // as_at when earlier.
  Timestamp as_at;
};

// The CHC figures of one ICB, or of all.
//
// The 28-day standard is measured on standard referrals (chc.referral_received_at set): a case
// Fast Tracked before its first decision (chc.fast_track, with fast_track_at missing or not after
// first_decided_at) has its eligibility set by the Fast Track route and is counted only under
// fast_track. Day 0 is the London day of receipt; a decision is within the standard when its
// London day is at most receipt + the case's rule set chc_decision_days (28).
struct ChcComplianceCounts {
  int decided = 0;                               // first decisions whose London day is in the month
  int decided_within_28_days = 0;                // of those, within the standard
  std::optional<double> percent_within_28_days;  // 0..100; nullopt when decided == 0
  // Referrals received but with no decision at the end of the month (or as_at) whose breach
  // instant (the start of day receipt + 29) has passed by then. A referral whose patient died by
  // then without a decision is not counted (it lapsed).
  int incomplete_over_28_days = 0;
  int fast_track = 0;  // Fast Track referrals (chc.fast_track_at) whose London day is in the month
};

// One ICB's CHC figures.
struct ChcIcbRow {
  std::string icb;  // identity.icb
  ChcComplianceCounts counts;
};

// The CHC report for a month.
struct ChcComplianceReport {
  int year = 0;
  int month = 0;
  ChcComplianceCounts total;
  std::vector<ChcIcbRow> by_icb;  // ICBs with anything to count, by ICB code
};

// Builds the CHC report. INVALID_ARGUMENT when the month is not 1..12 or the year not 1900..9999.
absl::StatusOr<ChcComplianceReport> BuildChcComplianceReport(CaseSource cases,
                                                             const ChcComplianceParams& params);
absl::StatusOr<ChcComplianceReport> BuildChcComplianceReport(const std::vector<CaseFacts>& cases,
                                                             const ChcComplianceParams& params);

// ---------------------------------------------------------------------------------------------
// Reimbursement (notice rule sets)
// ---------------------------------------------------------------------------------------------

// What the reimbursement report covers.
//
// A liability period (notices.liability) starting on London day a contributes: when ended by
// discharge on day b, a..b inclusive (the discharge day is liable); when ended another way on day
// b, a..b-1; when still open at as_at (or ending after it), a..LondonDate(as_at) inclusive. Each
// day counts once per case however many periods cover it. Only days in [from, to] are reported.
struct ReimbursementParams {
  Date from;  // first day, inclusive
  Date to;    // last day, inclusive; REQUIRES (else INVALID_ARGUMENT): from <= to
  Timestamp as_at;
};

// One case's liable days in the period.
struct ReimbursementCaseLine {
  std::string provider_ods;
  std::string spell_id;
  int64_t liable_days = 0;
  int64_t amount_pence = 0;
  // Liable days with no rate in force under the case's rule set (before its first rate, or a
  // rule set without notices): counted in liable_days, priced at nothing.
  int64_t unpriced_days = 0;
};

// One LA's bill. Each liable day is priced at the rate in force that day under the case's rule
// set (RuleSet::RateOn), the higher rate when ReferenceData::PaysHigherRate(local_authority).
struct ReimbursementLaRow {
  std::string local_authority;
  bool higher_rate = false;
  int64_t liable_days = 0;
  int64_t amount_pence = 0;
  int64_t unpriced_days = 0;
  std::vector<ReimbursementCaseLine> cases;  // cases with a liable day, in input order
};

// Reimbursement owed per LA over a period.
struct ReimbursementReport {
  Date from;
  Date to;
  std::vector<ReimbursementLaRow> local_authorities;  // LAs with a liable day, by LA code
  int64_t liable_days = 0;
  int64_t amount_pence = 0;
};

// Builds the reimbursement report. INVALID_ARGUMENT when from > to.
absl::StatusOr<ReimbursementReport> BuildReimbursementReport(CaseSource cases,
                                                             const ReimbursementParams& params,
                                                             const ReferenceData& reference);
absl::StatusOr<ReimbursementReport> BuildReimbursementReport(const std::vector<CaseFacts>& cases,
                                                             const ReimbursementParams& params,
                                                             const ReferenceData& reference);

}  // namespace workflow
