#include "case_rows.h"

#include "text_rows.h"

namespace tocflow::store::internal {
namespace {

std::string EncodeParties(const std::vector<PartyRow>& parties) {
  std::vector<std::vector<std::string>> rows;
  for (const PartyRow& p : parties) rows.push_back({p.role, p.party});
  return EncodeTextRows(rows);
}

std::string EncodeOwners(const std::vector<DeadlineOwnerRow>& owners) {
  std::vector<std::vector<std::string>> rows;
  for (const DeadlineOwnerRow& o : owners) rows.push_back({o.kind, o.role, o.party});
  return EncodeTextRows(rows);
}

std::vector<PartyRow> DecodeParties(std::string_view text) {
  std::vector<PartyRow> parties;
  for (auto& row : DecodeTextRows(text)) {
    row.resize(2);
    parties.push_back({std::move(row[0]), std::move(row[1])});
  }
  return parties;
}

std::vector<DeadlineOwnerRow> DecodeOwners(std::string_view text) {
  std::vector<DeadlineOwnerRow> owners;
  for (auto& row : DecodeTextRows(text)) {
    row.resize(3);
    owners.push_back({std::move(row[0]), std::move(row[1]), std::move(row[2])});
  }
  return owners;
}

// Parameter ?N of the insert and update statements is column N of kCaseColumns.
void BindSummary(SQLite::Statement& s, const CaseSummary& c) {
  s.bind(1, c.case_id);
  s.bind(2, c.version);
  s.bind(3, c.nhs_number);
  s.bind(4, c.local_patient_id);
  BindTextOrNull(s, 5, c.spell_id);
  s.bind(6, c.provider_ods);
  s.bind(7, c.site);
  s.bind(8, c.ward);
  s.bind(9, c.bed);
  s.bind(10, c.local_authority);
  s.bind(11, c.icb);
  s.bind(12, c.rule_set);
  for (int r = 0; r < workflow::kRegionCount; ++r) s.bind(13 + r, c.states[r]);
  BindOptionalTime(s, 18, c.ready_since);
  BindOptionalTime(s, 19, c.discharged_at);
  BindOptionalTime(s, 20, c.next_deadline_at);
  BindTime(s, 21, c.opened_at);
  BindTime(s, 22, c.updated_at);
  s.bind(23, c.closed ? 1 : 0);
  BindOptionalTime(s, 24, c.admitted_at);
  BindTextOrNull(s, 25, c.pathway);
  BindTextOrNull(s, 26, c.dtoc_reason);
  BindTextOrNull(s, 27, c.nctr_reason);
  BindTextOrNull(s, 28, c.attribution);
  s.bind(29, EncodeParties(c.parties));
  s.bind(30, EncodeOwners(c.deadline_owners));
}

}  // namespace

// Region state columns follow workflow::Region's order.
const char* const kCaseColumns =
    "case_id, version, nhs_number, local_patient_id, spell_id, provider_ods, site, ward, bed, "
    "local_authority, icb, rule_set, stay_state, notices_state, chc_state, care_state, "
    "equipment_state, ready_since, discharged_at, next_deadline_at, opened_at, updated_at, "
    "closed, admitted_at, pathway, dtoc_reason, nctr_reason, attribution, parties, "
    "deadline_owners";

CaseSummary ReadCaseSummary(const SQLite::Statement& s) {
  CaseSummary c;
  c.case_id = ReadString(s.getColumn(0));
  c.version = s.getColumn(1).getInt64();
  c.nhs_number = ReadString(s.getColumn(2));
  c.local_patient_id = ReadString(s.getColumn(3));
  c.spell_id = ReadString(s.getColumn(4));
  c.provider_ods = ReadString(s.getColumn(5));
  c.site = ReadString(s.getColumn(6));
  c.ward = ReadString(s.getColumn(7));
  c.bed = ReadString(s.getColumn(8));
  c.local_authority = ReadString(s.getColumn(9));
  c.icb = ReadString(s.getColumn(10));
  c.rule_set = ReadString(s.getColumn(11));
  for (int r = 0; r < workflow::kRegionCount; ++r) c.states[r] = ReadString(s.getColumn(12 + r));
  c.ready_since = ReadOptionalTime(s.getColumn(17));
  c.discharged_at = ReadOptionalTime(s.getColumn(18));
  c.next_deadline_at = ReadOptionalTime(s.getColumn(19));
  c.opened_at = ReadTime(s.getColumn(20));
  c.updated_at = ReadTime(s.getColumn(21));
  c.closed = s.getColumn(22).getInt() != 0;
  c.admitted_at = ReadOptionalTime(s.getColumn(23));
  c.pathway = ReadString(s.getColumn(24));
  c.dtoc_reason = ReadString(s.getColumn(25));
  c.nctr_reason = ReadString(s.getColumn(26));
  c.attribution = ReadString(s.getColumn(27));
  c.parties = DecodeParties(ReadString(s.getColumn(28)));
  c.deadline_owners = DecodeOwners(ReadString(s.getColumn(29)));
  return c;
}

std::optional<CaseSummary> SelectCase(SQLite::Database& db, const std::string& where,
                                      const std::vector<SqlValue>& values) {
  SQLite::Statement query(
      db, std::string("SELECT ") + kCaseColumns + " FROM cases WHERE " + where + " LIMIT 1");
  BindAll(query, values);
  if (!query.executeStep()) return std::nullopt;
  return ReadCaseSummary(query);
}

CaseRowWriter::CaseRowWriter(SQLite::Database& db)
    : version_(db, "SELECT version FROM cases WHERE case_id = ?"),
      by_spell_(db, "SELECT case_id FROM cases WHERE provider_ods = ? AND spell_id = ?"),
      insert_(
          db,
          std::string("INSERT INTO cases (") + kCaseColumns +
              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
              "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)"),
      update_(db,
              "UPDATE cases SET version = ?2, nhs_number = ?3, local_patient_id = ?4, "
              "spell_id = ?5, provider_ods = ?6, site = ?7, ward = ?8, bed = ?9, "
              "local_authority = ?10, icb = ?11, rule_set = ?12, stay_state = ?13, "
              "notices_state = ?14, chc_state = ?15, care_state = ?16, equipment_state = ?17, "
              "ready_since = ?18, discharged_at = ?19, next_deadline_at = ?20, opened_at = ?21, "
              "updated_at = ?22, closed = ?23, admitted_at = ?24, pathway = ?25, "
              "dtoc_reason = ?26, nctr_reason = ?27, attribution = ?28, parties = ?29, "
              "deadline_owners = ?30 WHERE case_id = ?1"),
      next_deadline_(db,
                     "UPDATE cases SET next_deadline_at = "
                     "(SELECT MIN(due_at) FROM deadlines WHERE case_id = ?1) WHERE case_id = ?1") {}

std::optional<int64_t> CaseRowWriter::StoredVersion(const std::string& case_id) {
  Fresh(version_).bind(1, case_id);
  std::optional<int64_t> version;
  if (version_.executeStep()) version = version_.getColumn(0).getInt64();
  version_.tryReset();
  return version;
}

std::optional<std::string> CaseRowWriter::CaseForSpell(const std::string& provider_ods,
                                                       const std::string& spell_id) {
  SQLite::Statement& s = Fresh(by_spell_);
  s.bind(1, provider_ods);
  s.bind(2, spell_id);
  std::optional<std::string> case_id;
  if (s.executeStep()) case_id = ReadString(s.getColumn(0));
  s.tryReset();
  return case_id;
}

void CaseRowWriter::Insert(const CaseSummary& summary) {
  BindSummary(Fresh(insert_), summary);
  insert_.exec();
}

bool CaseRowWriter::Update(const CaseSummary& summary) {
  BindSummary(Fresh(update_), summary);
  return update_.exec() == 1;
}

void CaseRowWriter::RefreshNextDeadline(const std::string& case_id) {
  Fresh(next_deadline_).bind(1, case_id);
  next_deadline_.exec();
}

}  // namespace tocflow::store::internal
