// Deployment reference data the journey reads: bank holidays and which local authorities pay
// the higher reimbursement rate. Immutable once built; share it between journeys.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "workflow/calendar.h"

namespace workflow {

struct ReferenceData {
  std::shared_ptr<const BankHolidays> holidays = BankHolidays::EnglandAndWales();
  // LA codes that pay the higher (London, or London and South East) reimbursement rate.
  std::set<std::string> higher_rate_authorities;

  bool PaysHigherRate(const std::string& local_authority) const {
    return higher_rate_authorities.count(local_authority) > 0;
  }
};

// England and Wales bank holidays and no higher-rate authorities.
std::shared_ptr<const ReferenceData> DefaultReferenceData();

}  // namespace workflow
