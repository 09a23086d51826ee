#include "pipeline/ingest_buffer.h"

#include "base/check.h"
#include "event/sale_time.h"
#include "pipeline/bronze_schema.h"
#include "pipeline/quarantine_row.h"

namespace salesflow::pipeline {

IngestBuffer::IngestBuffer()
    : quarantine_(parquet::ColumnBatch::Make(GetBronzeSchemas().quarantine_file)) {}

parquet::ColumnBatch& IngestBuffer::DayBatch(int32_t day) {
  auto it = days_.find(day);
  if (it == days_.end()) {
    // Days drift slowly; old days' batches are dropped in Clear so the map stays small.
    it = days_.emplace(day, parquet::ColumnBatch::Make(GetBronzeSchemas().bronze_file)).first;
  }
  return it->second;
}

void IngestBuffer::AddSale(const Sale& sale, const KafkaRecord& record, int32_t date_vente,
                           int64_t ingested_at_micros) {
  parquet::ColumnBatch& batch = DayBatch(date_vente);
  std::vector<parquet::Column>& c = batch.columns;
  c[kVenteId].AppendInt64(sale.vente_id.value());
  c[kClientId].AppendInt64(sale.client_id.value());
  c[kProduitId].AppendInt64(sale.produit_id.value());
  scratch_.clear();
  AppendSaleTime(sale.timestamp, &scratch_);
  c[kTimestampText].AppendBinary(scratch_);
  c[kQuantite].AppendInt32(sale.quantite);
  c[kMontant].AppendInt64(sale.montant.value());  // decimal(18,2): unscaled cents
  c[kClientNom].AppendBinary(sale.client_nom);
  c[kProduitNom].AppendBinary(sale.produit_nom);
  c[kCategorie].AppendBinary(sale.categorie);
  c[kPays].AppendBinary(sale.pays);
  c[kSegment].AppendBinary(sale.segment);
  if (sale.extra_json.empty()) {
    c[kExtra].AppendNull();
  } else {
    c[kExtra].AppendBinary(sale.extra_json);
  }
  c[kEventTime].AppendInt64(sale.timestamp.utc_micros);
  c[kIngestedAt].AppendInt64(ingested_at_micros);
  c[kKafkaTopic].AppendBinary(record.topic);
  c[kKafkaPartition].AppendInt32(record.partition);
  c[kKafkaOffset].AppendInt64(record.offset);
  if (record.timestamp_ms) {
    c[kKafkaTimestamp].AppendInt64(*record.timestamp_ms * 1000);
  } else {
    c[kKafkaTimestamp].AppendNull();
  }
  ++batch.num_rows;
  ++rows_;
}

void IngestBuffer::AddReject(const KafkaRecord& record, const Rejection& rejection,
                             int64_t rejected_at_micros) {
  AppendQuarantineRow(record, rejection, rejected_at_micros, &scratch_, &quarantine_);
}

void IngestBuffer::Cover(const KafkaRecord& record, int64_t now_micros) {
  auto [it, inserted] =
      runs_.try_emplace(record.partition, OffsetRun{record.offset, record.offset});
  if (!inserted) {
    // The caller filters re-deliveries; offsets only grow within a run (gaps are Kafka's own:
    // transaction markers, compaction).
    SF_CHECK_LT(it->second.last, record.offset);
    it->second.last = record.offset;
  }
  ++messages_;
  bytes_ += static_cast<int64_t>(record.payload.size());
  if (!oldest_micros_) oldest_micros_ = now_micros;
}

void IngestBuffer::Clear() {
  for (auto it = days_.begin(); it != days_.end();) {
    if (it->second.num_rows == 0) {
      it = days_.erase(it);  // a day that got nothing since the last flush: closed, drop it
    } else {
      it->second.Clear();
      ++it;
    }
  }
  quarantine_.Clear();
  runs_.clear();
  messages_ = 0;
  rows_ = 0;
  bytes_ = 0;
  oldest_micros_.reset();
}

}  // namespace salesflow::pipeline
