// The monthly delayed transfers of care return.
#include <chrono>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "reports/delay_days.h"
#include "workflow/calendar.h"
#include "workflow/reports.h"

namespace workflow {
namespace {

using reports_internal::EndOfLondonDay;

int ReasonIndex(std::optional<DtocReason> reason) {
  return reason ? static_cast<int>(*reason) : kEnumSize<DtocReason>;
}

int AttributionIndex(std::optional<Attribution> attribution) {
  return attribution ? static_cast<int>(*attribution) : kEnumSize<Attribution>;
}

Date LastThursday(const reports_internal::Month& month) {
  const int back =
      (static_cast<int>(month.last.weekday()) - static_cast<int>(Weekday::kThursday) + 7) % 7;
  return month.last.AddDays(-back);
}

// Adds one case's delayed days in the month to its row.
void AddCase(const CaseFacts& facts, const reports_internal::Month& month, Date last_thursday,
             const std::vector<Date>& delayed, DtocProviderLaRow& row) {
  DelayedDayTable& table = facts.identity.setting == Setting::kAcute ? row.acute : row.non_acute;
  bool any = false;
  bool at_snapshot = false;
  for (Date day : delayed) {
    if (day < month.first || day > month.last) continue;
    any = true;
    if (day == last_thursday) at_snapshot = true;
    // The reason in force in the day's last second: a change at the midnight itself belongs
    // to the next day.
    const std::optional<DelayReason> reason =
        DelayReasonInForce(facts, EndOfLondonDay(day) - std::chrono::seconds(1));
    table.Add(reason ? reason->dtoc : std::nullopt,
              reason ? std::optional<Attribution>(reason->attribution) : std::nullopt, 1);
  }
  if (any) ++row.patients;
  if (at_snapshot && row.snapshot_patients) ++*row.snapshot_patients;
}

double PerHundredThousand(double beds, int64_t population) {
  return beds / static_cast<double>(population) * 100000.0;
}

// The 2017 limit in tenths, so that the test is decided in integers: days / days_in_month /
// population x 100,000 <= 26 / 10.
constexpr int64_t kLimitTenths = 26;
static_assert(kDtoc2017SocialCareRateLimit == kLimitTenths / 10.0);

bool Meets2017Test(int64_t social_care_days, int days_in_month, int64_t population) {
  return social_care_days * 100000 * 10 <= kLimitTenths * days_in_month * population;
}

}  // namespace

void DelayedDayTable::Add(std::optional<DtocReason> reason, std::optional<Attribution> attribution,
                          int64_t days) {
  days_[ReasonIndex(reason)][AttributionIndex(attribution)] += days;
}

int64_t DelayedDayTable::Days(std::optional<DtocReason> reason,
                              std::optional<Attribution> attribution) const {
  return days_[ReasonIndex(reason)][AttributionIndex(attribution)];
}

int64_t DelayedDayTable::DaysForReason(std::optional<DtocReason> reason) const {
  int64_t sum = 0;
  for (int64_t cell : days_[ReasonIndex(reason)]) sum += cell;
  return sum;
}

int64_t DelayedDayTable::DaysForAttribution(std::optional<Attribution> attribution) const {
  int64_t sum = 0;
  for (const auto& by_attribution : days_) sum += by_attribution[AttributionIndex(attribution)];
  return sum;
}

int64_t DelayedDayTable::Total() const {
  int64_t sum = 0;
  for (const auto& by_attribution : days_) {
    for (int64_t cell : by_attribution) sum += cell;
  }
  return sum;
}

DelayedDayTable& DelayedDayTable::operator+=(const DelayedDayTable& other) {
  for (int r = 0; r < kReasonColumns; ++r) {
    for (int a = 0; a < kAttributionColumns; ++a) days_[r][a] += other.days_[r][a];
  }
  return *this;
}

absl::StatusOr<DtocMonthlyReport> BuildDtocMonthlyReport(CaseSource cases,
                                                         const DtocMonthlyParams& params) {
  const absl::StatusOr<reports_internal::Month> month =
      reports_internal::MonthOf(params.year, params.month);
  if (!month.ok()) return month.status();
  for (const auto& [la, population] : params.adult_population) {
    if (population <= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("adult population of LA '", la, "' must be positive, got ", population));
    }
  }

  DtocMonthlyReport report;
  report.year = params.year;
  report.month = params.month;
  report.days_in_month = month->days;
  report.last_thursday = LastThursday(*month);
  const bool snapshot_known = EndOfLondonDay(report.last_thursday) <= params.as_at;
  if (snapshot_known) report.snapshot_patients = 0;

  std::map<std::pair<std::string, std::string>, DtocProviderLaRow> rows;
  const absl::Status read = cases([&](const CaseFacts& facts) {
    if (params.local_authority && facts.identity.local_authority != *params.local_authority) {
      return;
    }
    const std::vector<Date> delayed = DelayedDays(facts, params.as_at);
    if (delayed.empty() || delayed.back() < month->first || delayed.front() > month->last) {
      return;
    }
    const CaseIdentity& id = facts.identity;
    auto [it, inserted] = rows.try_emplace({id.provider_ods, id.local_authority});
    DtocProviderLaRow& row = it->second;
    if (inserted) {
      row.provider_ods = id.provider_ods;
      row.local_authority = id.local_authority;
      if (snapshot_known) row.snapshot_patients = 0;
    }
    AddCase(facts, *month, report.last_thursday, delayed, row);
  });
  if (!read.ok()) return read;

  std::map<std::string, DtocLaSummary> las;
  for (const auto& [la, population] : params.adult_population) {
    if (!params.local_authority || la == *params.local_authority) {
      las[la].adult_population = population;
    }
  }
  for (auto& [key, row] : rows) {
    if (row.patients == 0) continue;  // delayed only outside the month
    DtocLaSummary& la = las[row.local_authority];
    la.days += row.acute;
    la.days += row.non_acute;
    if (row.snapshot_patients)
      la.snapshot_patients = la.snapshot_patients.value_or(0) + *row.snapshot_patients;
    report.acute += row.acute;
    report.non_acute += row.non_acute;
    if (row.snapshot_patients) *report.snapshot_patients += *row.snapshot_patients;
    report.rows.push_back(std::move(row));
  }

  const double days_in_month = month->days;
  report.dtoc_beds =
      static_cast<double>(report.acute.Total() + report.non_acute.Total()) / days_in_month;
  for (auto& [code, la] : las) {
    la.local_authority = code;
    if (!la.snapshot_patients && snapshot_known) la.snapshot_patients = 0;
    la.social_care_days = la.days.DaysForAttribution(Attribution::kSocialCare) +
                          la.days.DaysForAttribution(Attribution::kBoth);
    la.dtoc_beds = static_cast<double>(la.days.Total()) / days_in_month;
    la.social_care_beds = static_cast<double>(la.social_care_days) / days_in_month;
    if (la.adult_population) {
      la.rate_per_100k = PerHundredThousand(la.dtoc_beds, *la.adult_population);
      la.social_care_rate_per_100k = PerHundredThousand(la.social_care_beds, *la.adult_population);
      la.meets_2017_social_care_test =
          Meets2017Test(la.social_care_days, month->days, *la.adult_population);
    }
    report.local_authorities.push_back(std::move(la));
  }
  return report;
}

absl::StatusOr<DtocMonthlyReport> BuildDtocMonthlyReport(const std::vector<CaseFacts>& cases,
                                                         const DtocMonthlyParams& params) {
  return BuildDtocMonthlyReport(reports_internal::EachOf(cases), params);
}

}  // namespace workflow
