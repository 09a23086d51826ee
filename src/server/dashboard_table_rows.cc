#include "server/dashboard_table_rows.h"

#include <fmt/format.h>

#include <functional>
#include <string_view>
#include <unordered_map>

namespace salesflow {
namespace {

using parquet::Column;
using parquet::ColumnBatch;
using parquet::ColumnStorage;
using parquet::Field;
using parquet::LogicalType;

// How a column's values become int64s.
enum class Read {
  kInteger,  // INT32/INT64 as is (long, integer, date)
  kCents,    // decimal of scale 2 -> unscaled value
  kMicros,   // timestamp in any unit -> micros
  kString,   // BYTE_ARRAY text (via Text)
  kBoolean,  // boolean (via Bool)
};

// One contract column of a batch, checked once, read per row without further lookups.
class ColumnReader {
 public:
  static Result<ColumnReader> Make(const ColumnBatch& batch, std::string_view name, Read read) {
    int index = batch.schema->FieldIndex(name);
    if (index < 0) return Corruption(fmt::format("no column '{}'", name));
    const Field& field = batch.schema->fields()[static_cast<size_t>(index)];
    const Column& column = batch.columns[static_cast<size_t>(index)];
    ColumnReader reader(name, column);
    const std::optional<LogicalType>& logical = field.logical;
    switch (read) {
      case Read::kInteger:
        if (column.storage != ColumnStorage::kInt32 && column.storage != ColumnStorage::kInt64) {
          return Corruption(fmt::format("column '{}' is not an integer", name));
        }
        break;
      case Read::kCents:
        if (!logical || logical->kind != LogicalType::Kind::kDecimal || logical->scale != 2) {
          return Corruption(fmt::format("column '{}' is not a decimal with scale 2", name));
        }
        if (column.storage == ColumnStorage::kFixed || column.storage == ColumnStorage::kBinary) {
          reader.big_endian_ = true;
        } else if (column.storage != ColumnStorage::kInt32 &&
                   column.storage != ColumnStorage::kInt64) {
          return Corruption(fmt::format("column '{}': unexpected decimal storage", name));
        }
        break;
      case Read::kMicros:
        if (!logical || logical->kind != LogicalType::Kind::kTimestamp ||
            column.storage != ColumnStorage::kInt64) {
          return Corruption(fmt::format("column '{}' is not an INT64 timestamp", name));
        }
        if (logical->unit == parquet::TimeUnit::kMillis) reader.multiply_ = 1000;
        if (logical->unit == parquet::TimeUnit::kNanos) reader.divide_ = 1000;
        break;
      case Read::kString:
        if (column.storage != ColumnStorage::kBinary) {
          return Corruption(fmt::format("column '{}' is not a string", name));
        }
        break;
      case Read::kBoolean:
        if (column.storage != ColumnStorage::kBool) {
          return Corruption(fmt::format("column '{}' is not a boolean", name));
        }
        break;
    }
    if (column.NullCount() > 0) return Corruption(fmt::format("column '{}' holds nulls", name));
    return reader;
  }

  int64_t Int(int64_t row) const {
    size_t i = static_cast<size_t>(row);
    if (big_endian_) return BigEndian(column_->BinaryAt(row));
    int64_t v = column_->storage == ColumnStorage::kInt32 ? column_->i32[i] : column_->i64[i];
    if (multiply_ != 1) return v * multiply_;
    if (divide_ != 1) return v >= 0 ? v / divide_ : -((-v + divide_ - 1) / divide_);
    return v;
  }
  std::string_view Text(int64_t row) const { return column_->BinaryAt(row); }
  bool Bool(int64_t row) const { return column_->bools[static_cast<size_t>(row)] != 0; }
  // Decimal bytes wider than 8 cannot hold a cents amount that fits int64 here; flagged.
  bool overflow() const { return overflow_; }
  std::string_view name() const { return name_; }

 private:
  ColumnReader(std::string_view name, const Column& column) : name_(name), column_(&column) {}

  int64_t BigEndian(std::string_view bytes) const {
    if (bytes.empty()) return 0;
    if (bytes.size() > 8) {
      // Sign-extension bytes are fine; anything else does not fit.
      size_t extra = bytes.size() - 8;
      uint8_t fill = static_cast<uint8_t>(bytes[extra]) & 0x80 ? 0xff : 0x00;
      for (size_t i = 0; i < extra; ++i) {
        if (static_cast<uint8_t>(bytes[i]) != fill) overflow_ = true;
      }
      bytes.remove_prefix(extra);
    }
    uint64_t v = static_cast<uint8_t>(bytes[0]) & 0x80 ? ~uint64_t{0} : 0;
    for (char c : bytes) v = (v << 8) | static_cast<uint8_t>(c);
    return static_cast<int64_t>(v);
  }

  std::string_view name_;
  const Column* column_;
  bool big_endian_ = false;
  int64_t multiply_ = 1;
  int64_t divide_ = 1;
  mutable bool overflow_ = false;
};

Status CheckOverflow(std::initializer_list<const ColumnReader*> readers) {
  for (const ColumnReader* r : readers) {
    if (r->overflow())
      return Corruption(fmt::format("column '{}': amount out of range", r->name()));
  }
  return Status::Ok();
}

// Lets the interning map be probed with a string_view without building a string.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

constexpr int64_t kMicrosPerMinute = 60'000'000;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if (a % b != 0 && (a < 0) != (b < 0)) --q;
  return q;
}

}  // namespace

Status AppendMinuteRows(const ColumnBatch& batch, MinuteFileRows* out) {
  SF_ASSIGN_OR_RETURN(auto minute, ColumnReader::Make(batch, "minute", Read::kMicros));
  SF_ASSIGN_OR_RETURN(auto produit, ColumnReader::Make(batch, "produit", Read::kString));
  SF_ASSIGN_OR_RETURN(auto categorie, ColumnReader::Make(batch, "categorie", Read::kString));
  SF_ASSIGN_OR_RETURN(auto pays, ColumnReader::Make(batch, "pays", Read::kString));
  SF_ASSIGN_OR_RETURN(auto segment, ColumnReader::Make(batch, "segment", Read::kString));
  SF_ASSIGN_OR_RETURN(auto nb, ColumnReader::Make(batch, "nb_ventes", Read::kInteger));
  SF_ASSIGN_OR_RETURN(auto quantite, ColumnReader::Make(batch, "quantite", Read::kInteger));
  SF_ASSIGN_OR_RETURN(auto ca, ColumnReader::Make(batch, "chiffre_affaires", Read::kCents));
  // The one column added since the first release: say how to get it rather than just "no column".
  if (batch.schema->FieldIndex("montant_max") < 0) {
    return Corruption(
        "no column 'montant_max': the gold table was written by an older salesflow silver; "
        "run this version's `salesflow silver`, which rebuilds it at start");
  }
  SF_ASSIGN_OR_RETURN(auto max, ColumnReader::Make(batch, "montant_max", Read::kCents));
  // Keys own their text: `names` may reallocate (moving short strings) while interning.
  std::unordered_map<std::string, uint32_t, TextHash, std::equal_to<>> index;
  for (size_t i = 0; i < out->names.size(); ++i) {
    index.emplace(out->names[i], static_cast<uint32_t>(i));
  }
  auto intern = [&](std::string_view text) {
    auto it = index.find(text);
    if (it != index.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(out->names.size());
    out->names.emplace_back(text);
    index.emplace(std::string(text), id);
    return id;
  };
  out->rows.reserve(out->rows.size() + static_cast<size_t>(batch.num_rows));
  for (int64_t r = 0; r < batch.num_rows; ++r) {
    MinuteFileRows::Row row;
    row.minute = LocalMinute(FloorDiv(minute.Int(r), kMicrosPerMinute));
    row.produit = intern(produit.Text(r));
    row.categorie = intern(categorie.Text(r));
    row.pays = intern(pays.Text(r));
    row.segment = intern(segment.Text(r));
    row.nb_ventes = nb.Int(r);
    row.quantite = quantite.Int(r);
    row.chiffre_affaires = ca.Int(r);
    row.montant_max = max.Int(r);
    out->rows.push_back(row);
  }
  return CheckOverflow({&ca, &max});
}

Status AppendClientDayRows(const ColumnBatch& batch, std::vector<ClientDayRow>* out) {
  SF_ASSIGN_OR_RETURN(auto client, ColumnReader::Make(batch, "client_id", Read::kInteger));
  SF_ASSIGN_OR_RETURN(auto day, ColumnReader::Make(batch, "day", Read::kInteger));
  SF_ASSIGN_OR_RETURN(auto nb, ColumnReader::Make(batch, "nb_ventes", Read::kInteger));
  SF_ASSIGN_OR_RETURN(auto ca, ColumnReader::Make(batch, "chiffre_affaires", Read::kCents));
  out->reserve(out->size() + static_cast<size_t>(batch.num_rows));
  for (int64_t r = 0; r < batch.num_rows; ++r) {
    out->push_back(ClientDayRow{.client_id = client.Int(r),
                                .day = LocalDay(day.Int(r)),
                                .nb_ventes = nb.Int(r),
                                .chiffre_affaires = ca.Int(r)});
  }
  return CheckOverflow({&ca});
}

Status AppendSilverRows(const ColumnBatch& batch, std::vector<ClientProfile>* out) {
  SF_ASSIGN_OR_RETURN(auto client, ColumnReader::Make(batch, "client_id", Read::kInteger));
  SF_ASSIGN_OR_RETURN(auto nom, ColumnReader::Make(batch, "client_nom", Read::kString));
  SF_ASSIGN_OR_RETURN(auto pays, ColumnReader::Make(batch, "pays", Read::kString));
  SF_ASSIGN_OR_RETURN(auto segment, ColumnReader::Make(batch, "segment", Read::kString));
  SF_ASSIGN_OR_RETURN(auto total, ColumnReader::Make(batch, "total_depense", Read::kCents));
  SF_ASSIGN_OR_RETURN(auto achats, ColumnReader::Make(batch, "nb_achats", Read::kInteger));
  SF_ASSIGN_OR_RETURN(auto panier, ColumnReader::Make(batch, "panier_moyen", Read::kCents));
  SF_ASSIGN_OR_RETURN(auto qty, ColumnReader::Make(batch, "quantite_totale", Read::kInteger));
  SF_ASSIGN_OR_RETURN(auto premier, ColumnReader::Make(batch, "premier_achat", Read::kMicros));
  SF_ASSIGN_OR_RETURN(auto dernier, ColumnReader::Make(batch, "dernier_achat", Read::kMicros));
  SF_ASSIGN_OR_RETURN(auto jours,
                      ColumnReader::Make(batch, "jours_depuis_dernier_achat", Read::kInteger));
  SF_ASSIGN_OR_RETURN(auto fidelite, ColumnReader::Make(batch, "fidelite", Read::kString));
  SF_ASSIGN_OR_RETURN(auto churn, ColumnReader::Make(batch, "risque_churn", Read::kBoolean));
  out->reserve(out->size() + static_cast<size_t>(batch.num_rows));
  for (int64_t r = 0; r < batch.num_rows; ++r) {
    ClientProfile p;
    p.client_id = std::to_string(client.Int(r));
    p.client_nom = nom.Text(r);
    p.pays = pays.Text(r);
    p.segment = segment.Text(r);
    p.total_depense = total.Int(r);
    p.nb_achats = achats.Int(r);
    p.panier_moyen = panier.Int(r);
    p.quantite_totale = qty.Int(r);
    p.premier_achat_us = premier.Int(r);
    p.dernier_achat_us = dernier.Int(r);
    p.jours_depuis_dernier_achat = jours.Int(r);
    p.fidelite = fidelite.Text(r);
    p.risque_churn = churn.Bool(r);
    p.in_silver = true;
    out->push_back(std::move(p));
  }
  return CheckOverflow({&total, &panier});
}

}  // namespace salesflow
