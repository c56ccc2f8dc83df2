#include "workflow/rule_set.h"

namespace workflow {
namespace {

RuleSet MakeCcdda2003() {
  RuleSet rules;
  rules.id = RuleSetId::kCcdda2003;
  rules.notices_apply = true;
  rules.exclude_sundays_and_bank_holidays = true;
  // £100 a day; £120 for the London and South East authorities (s).
  rules.reimbursement = {{Date::FromYmd(2004, 1, 5), 10000, 12000}};
  return rules;
}

RuleSet MakeCareAct2014() {
  RuleSet rules;
  rules.id = RuleSetId::kCareAct2014;
  rules.notices_apply = true;
  // £130 a day; £155 in London (s).
  rules.reimbursement = {{Date::FromYmd(2015, 4, 1), 13000, 15500}};
  return rules;
}

RuleSet MakeDischargeToAssess2022() {
  RuleSet rules;
  rules.id = RuleSetId::kDischargeToAssess2022;
  rules.notices_apply = false;
  return rules;
}

}  // namespace

std::string_view RuleSetName(RuleSetId id) {
  switch (id) {
    case RuleSetId::kCcdda2003:
      return "CCDDA_2003";
    case RuleSetId::kCareAct2014:
      return "CARE_ACT_2014";
    case RuleSetId::kDischargeToAssess2022:
      return "DISCHARGE_TO_ASSESS_2022";
  }
  return "UNKNOWN";
}

std::optional<RuleSetId> ParseRuleSetName(std::string_view name) {
  for (RuleSetId id :
       {RuleSetId::kCcdda2003, RuleSetId::kCareAct2014, RuleSetId::kDischargeToAssess2022}) {
    if (name == RuleSetName(id)) return id;
  }
  return std::nullopt;
}

std::optional<ReimbursementRate> RuleSet::RateOn(Date day) const {
  std::optional<ReimbursementRate> best;
  for (const ReimbursementRate& rate : reimbursement) {
    if (rate.effective_from <= day && (!best || rate.effective_from >= best->effective_from)) {
      best = rate;
    }
  }
  return best;
}

const RuleSet& GetRuleSet(RuleSetId id) {
  static const RuleSet* const kCcdda2003 = new RuleSet(MakeCcdda2003());
  static const RuleSet* const kCareAct2014 = new RuleSet(MakeCareAct2014());
  static const RuleSet* const kDischargeToAssess2022 = new RuleSet(MakeDischargeToAssess2022());
  switch (id) {
    case RuleSetId::kCcdda2003:
      return *kCcdda2003;
    case RuleSetId::kCareAct2014:
      return *kCareAct2014;
    case RuleSetId::kDischargeToAssess2022:
      return *kDischargeToAssess2022;
  }
  return *kDischargeToAssess2022;
}

}  // namespace workflow
