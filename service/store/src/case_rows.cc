#include "case_rows.h"

#include <sstream>
#include <stdexcept>

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

SqlCell Text(std::string text) { return SqlCell{SqlCell::Type::kText, 0, std::move(text)}; }
SqlCell Integer(int64_t n) { return SqlCell{SqlCell::Type::kInteger, n, {}}; }
SqlCell TextOrNull(const std::string& text) { return text.empty() ? SqlCell{} : Text(text); }
SqlCell Time(workflow::Timestamp t) { return Integer(workflow::ToUnixSeconds(t)); }
SqlCell OptionalTime(const std::optional<workflow::Timestamp>& t) {
  return t.has_value() ? Time(*t) : SqlCell{};
}

constexpr int kNextDeadlineColumn = 19;  // next_deadline_at in kCaseColumns (from 0)

// The cells a summary is stored as, one per column of kCaseColumns.
std::vector<SqlCell> SummaryCells(const CaseSummary& c) {
  std::vector<SqlCell> cells;
  cells.reserve(30);
  cells.push_back(Text(c.case_id));
  cells.push_back(Integer(c.version));
  cells.push_back(Text(c.nhs_number));
  cells.push_back(Text(c.local_patient_id));
  cells.push_back(TextOrNull(c.spell_id));
  cells.push_back(Text(c.provider_ods));
  cells.push_back(Text(c.site));
  cells.push_back(Text(c.ward));
  cells.push_back(Text(c.bed));
  cells.push_back(Text(c.local_authority));
  cells.push_back(Text(c.icb));
  cells.push_back(Text(c.rule_set));
  for (int r = 0; r < workflow::kRegionCount; ++r) cells.push_back(Text(c.states[r]));
  cells.push_back(OptionalTime(c.ready_since));
  cells.push_back(OptionalTime(c.discharged_at));
  cells.push_back(OptionalTime(c.next_deadline_at));
  cells.push_back(Time(c.opened_at));
  cells.push_back(Time(c.updated_at));
  cells.push_back(Integer(c.closed ? 1 : 0));
  cells.push_back(OptionalTime(c.admitted_at));
  cells.push_back(TextOrNull(c.pathway));
  cells.push_back(TextOrNull(c.dtoc_reason));
  cells.push_back(TextOrNull(c.nctr_reason));
  cells.push_back(TextOrNull(c.attribution));
  cells.push_back(Text(EncodeParties(c.parties)));
  cells.push_back(Text(EncodeOwners(c.deadline_owners)));
  return cells;
}

}  // namespace

CaseRow RowOf(const CaseSummary& summary) { return CaseRow{SummaryCells(summary)}; }

namespace {

SqlCell ReadCell(const SQLite::Column& column) {
  if (column.isNull()) return SqlCell{};
  if (column.isInteger()) return Integer(column.getInt64());
  return Text(column.getString());
}

void BindCell(SQLite::Statement& s, int index, const SqlCell& cell) {
  switch (cell.type) {
    case SqlCell::Type::kNull:
      s.bind(index);
      break;
    case SqlCell::Type::kInteger:
      s.bind(index, cell.number);
      break;
    case SqlCell::Type::kText:
      s.bind(index, cell.text);
      break;
  }
}

// Parameter ?N of the insert and update statements is column N of kCaseColumns.
void BindSummary(SQLite::Statement& s, const CaseSummary& c) {
  const std::vector<SqlCell> cells = SummaryCells(c);
  for (size_t i = 0; i < cells.size(); ++i) BindCell(s, static_cast<int>(i) + 1, cells[i]);
}

// The names of kCaseColumns, in order.
const std::vector<std::string>& CaseColumnNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    std::istringstream list(kCaseColumns);
    std::string name;
    while (std::getline(list, name, ',')) {
      name.erase(0, name.find_first_not_of(' '));
      out.push_back(name);
    }
    return out;
  }();
  return names;
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

std::optional<CaseSummary> SelectCase(StatementCache& cache, const std::string& where,
                                      const std::vector<SqlValue>& values) {
  CachedQuery cached(
      cache, std::string("SELECT ") + kCaseColumns + " FROM cases WHERE " + where + " LIMIT 1");
  SQLite::Statement& query = *cached;
  BindAll(query, values);
  if (!query.executeStep()) return std::nullopt;
  return ReadCaseSummary(query);
}

std::optional<StoredJourney> SelectStoredJourney(StatementCache& cache,
                                                 const std::string& case_id) {
  // The region states in workflow::Region order.
  CachedQuery cached(cache,
                     "SELECT version, stay_state, notices_state, chc_state, care_state, "
                     "equipment_state, parties, facts FROM cases WHERE case_id = ?");
  SQLite::Statement& query = *cached;
  query.bind(1, case_id);
  if (!query.executeStep()) return std::nullopt;
  StoredJourney stored;
  stored.version = query.getColumn(0).getInt64();
  for (int r = 0; r < workflow::kRegionCount; ++r) {
    stored.states[r] = ReadString(query.getColumn(1 + r));
  }
  stored.parties = DecodeParties(ReadString(query.getColumn(6)));
  if (!query.getColumn(7).isNull()) stored.facts = ReadString(query.getColumn(7));
  return stored;
}

CaseRowWriter::CaseRowWriter(SQLite::Database& db)
    : db_(db),
      row_(db, std::string("SELECT ") + kCaseColumns + " FROM cases WHERE case_id = ?"),
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
                     "(SELECT MIN(due_at) FROM deadlines WHERE case_id = ?1) WHERE case_id = ?1"),
      earliest_deadline_(db, "SELECT MIN(due_at) FROM deadlines WHERE case_id = ?") {}

std::optional<CaseRow> CaseRowWriter::StoredRow(const std::string& case_id) {
  Fresh(row_).bind(1, case_id);
  std::optional<CaseRow> row;
  if (row_.executeStep()) {
    row.emplace();
    const int columns = row_.getColumnCount();
    row->cells.reserve(columns);
    for (int i = 0; i < columns; ++i) row->cells.push_back(ReadCell(row_.getColumn(i)));
  }
  row_.tryReset();
  return row;
}

void CaseRowWriter::UpdateChanged(const CaseRow& stored, const CaseSummary& summary,
                                  const std::string* facts) {
  constexpr int kFactsBit = 31;
  std::vector<SqlCell> cells = SummaryCells(summary);
  if (cells.size() > kFactsBit) throw std::logic_error("the change mask has no bit left for facts");
  Fresh(earliest_deadline_).bind(1, summary.case_id);
  earliest_deadline_.executeStep();
  cells[kNextDeadlineColumn] = ReadCell(earliest_deadline_.getColumn(0));
  earliest_deadline_.tryReset();

  uint32_t changed = 0;
  for (size_t i = 1; i < cells.size(); ++i) {  // column 0 is the key
    if (i >= stored.cells.size() || !(cells[i] == stored.cells[i])) changed |= 1u << i;
  }
  if (facts != nullptr) changed |= 1u << kFactsBit;
  if (changed == 0) return;
  std::unique_ptr<SQLite::Statement>& update = partial_updates_[changed];
  if (update == nullptr) {
    std::string sql = "UPDATE cases SET ";
    const std::vector<std::string>& names = CaseColumnNames();
    bool first = true;
    for (size_t i = 1; i < cells.size(); ++i) {
      if ((changed & (1u << i)) == 0) continue;
      if (!first) sql += ", ";
      first = false;
      sql += names[i] + " = ?" + std::to_string(i + 1);
    }
    if (facts != nullptr)
      sql += std::string(first ? "" : ", ") + "facts = ?" + std::to_string(kFactsBit + 1);
    sql += " WHERE case_id = ?1";
    try {
      update = std::make_unique<SQLite::Statement>(db_, sql);
    } catch (...) {
      partial_updates_.erase(changed);
      throw;
    }
  }
  SQLite::Statement& s = Fresh(*update);
  BindCell(s, 1, cells[0]);
  for (size_t i = 1; i < cells.size(); ++i) {
    if ((changed & (1u << i)) != 0) BindCell(s, static_cast<int>(i) + 1, cells[i]);
  }
  if (facts != nullptr) BindBlob(s, kFactsBit + 1, *facts);
  s.exec();
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

bool CaseRowWriter::RefreshNextDeadline(const std::string& case_id) {
  Fresh(next_deadline_).bind(1, case_id);
  return next_deadline_.exec() > 0;
}

}  // namespace tocflow::store::internal
