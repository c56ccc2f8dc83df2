#include "wire/enum_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/generated_enum_reflection.h"

namespace tocflow::wire {
namespace {

namespace v1 = tocflow::v1;
namespace wf = workflow;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

template <typename Wire>
std::string WireName(Wire value) {
  const auto* v = google::protobuf::GetEnumDescriptor<Wire>()->FindValueByNumber(value);
  return v == nullptr ? std::string("?") : v->name();
}

// Every domain value maps to a distinct wire value whose name ends with the domain name, and back
// to itself; the wire enum has exactly the domain's values plus UNSPECIFIED; UNSPECIFIED and
// unknown numbers are refused naming the field and the allowed values.
template <typename Domain, typename Wire, typename NameFn>
void CheckEnum(int first, int count, NameFn name) {
  const auto* descriptor = google::protobuf::GetEnumDescriptor<Wire>();
  EXPECT_EQ(descriptor->value_count(), count + 1) << descriptor->name();
  std::set<int> seen;
  for (int i = first; i < first + count; ++i) {
    const auto domain = static_cast<Domain>(i);
    const Wire wire = ToWire(domain);
    seen.insert(static_cast<int>(wire));
    const std::string domain_name = Lower(std::string(name(domain)));
    const std::string wire_name = Lower(WireName(wire));
    EXPECT_TRUE(wire_name == domain_name ||
                (wire_name.size() > domain_name.size() &&
                 wire_name.compare(wire_name.size() - domain_name.size() - 1, std::string::npos,
                                   "_" + domain_name) == 0))
        << wire_name << " does not name " << domain_name;
    auto back = FromWire(wire, "f");
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(*back, domain) << wire_name;
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(count));
  EXPECT_EQ(seen.count(0), 0u);

  const std::string last_name = WireName(ToWire(static_cast<Domain>(first + count - 1)));
  auto unspecified = FromWire(static_cast<Wire>(0), "event.x.f");
  ASSERT_FALSE(unspecified.ok());
  EXPECT_EQ(unspecified.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(unspecified.status().message()), StartsWith("event.x.f: required"));
  EXPECT_THAT(std::string(unspecified.status().message()), HasSubstr(last_name));
  EXPECT_THAT(std::string(unspecified.status().message()), Not(HasSubstr("UNSPECIFIED")));

  for (int bad : {count + 1, -1, 1000}) {
    auto unknown = FromWire(static_cast<Wire>(bad), "g");
    ASSERT_FALSE(unknown.ok()) << bad;
    EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(unknown.status().message()),
                StartsWith("g: unknown value " + std::to_string(bad)));
  }
}

template <typename Domain, typename Wire>
void CheckCodeList(int first = 0) {
  CheckEnum<Domain, Wire>(first, wf::kEnumSize<Domain>, [](Domain d) { return wf::Name(d); });
}

TEST(EnumCodec, Setting) { CheckCodeList<wf::Setting, v1::Setting>(); }
TEST(EnumCodec, AdmissionMethod) { CheckCodeList<wf::AdmissionMethod, v1::AdmissionMethod>(); }
TEST(EnumCodec, NoticeExclusion) { CheckCodeList<wf::NoticeExclusion, v1::NoticeExclusion>(); }
TEST(EnumCodec, Pathway) { CheckCodeList<wf::Pathway, v1::Pathway>(); }
TEST(EnumCodec, DtocReason) { CheckCodeList<wf::DtocReason, v1::DtocReason>(); }
TEST(EnumCodec, NctrReason) { CheckCodeList<wf::NctrReason, v1::NctrReason>(); }
TEST(EnumCodec, Attribution) { CheckCodeList<wf::Attribution, v1::Attribution>(); }
TEST(EnumCodec, CriterionToResideWireNumberIsTheCode) {
  CheckCodeList<wf::CriterionToReside, v1::CriterionToReside>(1);
  EXPECT_EQ(ToWire(wf::CriterionToReside::kCriticalCare), 1);
  EXPECT_EQ(ToWire(wf::CriterionToReside::kInvasiveProcedure24h), 11);
}
TEST(EnumCodec, Role) { CheckCodeList<wf::Role, v1::Role>(); }
TEST(EnumCodec, Severity) { CheckCodeList<wf::Severity, v1::Severity>(); }
TEST(EnumCodec, ChecklistScore) { CheckCodeList<wf::ChecklistScore, v1::ChecklistScore>(); }
TEST(EnumCodec, DstLevel) { CheckCodeList<wf::DstLevel, v1::DstLevel>(); }
TEST(EnumCodec, CareType) { CheckCodeList<wf::CareType, v1::CareType>(); }
TEST(EnumCodec, Funder) { CheckCodeList<wf::Funder, v1::Funder>(); }
TEST(EnumCodec, RuleSet) {
  CheckEnum<wf::RuleSetId, v1::RuleSet>(0, 3, [](wf::RuleSetId id) { return wf::RuleSetName(id); });
}
TEST(EnumCodec, DeadlineKind) {
  CheckEnum<wf::DeadlineKind, v1::DeadlineKind>(0, wf::kDeadlineKindCount,
                                                [](wf::DeadlineKind k) { return wf::Name(k); });
}
TEST(EnumCodec, AlertKind) {
  CheckEnum<wf::AlertKind, v1::AlertKind>(0, wf::kAlertKindCount,
                                          [](wf::AlertKind k) { return wf::Name(k); });
}

TEST(EnumCodec, ReadyPeriodEnd) {
  EXPECT_EQ(google::protobuf::GetEnumDescriptor<v1::ReadyPeriodEnd>()->value_count(), 6);
  EXPECT_EQ(ToWire(wf::ReadyPeriodEnd::kOpen), v1::READY_PERIOD_END_OPEN);
  EXPECT_EQ(ToWire(wf::ReadyPeriodEnd::kDischarged), v1::READY_PERIOD_END_DISCHARGED);
  EXPECT_EQ(ToWire(wf::ReadyPeriodEnd::kDied), v1::READY_PERIOD_END_DIED);
  EXPECT_EQ(ToWire(wf::ReadyPeriodEnd::kCriteriaMetAgain), v1::READY_PERIOD_END_CRITERIA_MET_AGAIN);
  EXPECT_EQ(ToWire(wf::ReadyPeriodEnd::kCancelled), v1::READY_PERIOD_END_CANCELLED);
}

TEST(EnumCodec, OptionalUnspecifiedIsNone) {
  EXPECT_EQ(OptionalToWire(std::optional<wf::DtocReason>()), v1::DTOC_REASON_UNSPECIFIED);
  EXPECT_EQ(OptionalToWire(std::optional<wf::DtocReason>(wf::DtocReason::kI_Housing)),
            v1::DTOC_REASON_I);
  auto none = OptionalFromWire(v1::DTOC_REASON_UNSPECIFIED, "dtoc");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto some = OptionalFromWire(v1::DTOC_REASON_G, "dtoc");
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(*some, wf::DtocReason::kG_PatientOrFamilyChoice);
  auto unknown = OptionalFromWire(static_cast<v1::DtocReason>(77), "dtoc");
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(std::string(unknown.status().message()), StartsWith("dtoc: unknown value 77"));
}

}  // namespace
}  // namespace tocflow::wire
