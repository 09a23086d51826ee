#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "event/deterministic_random.h"
#include "event/rejection.h"
#include "event/sale.h"

namespace salesflow {

// The ways the generator breaks a message on purpose (--bad-ratio), so tests can check that
// each one is rejected with the right reason.
enum class BadKind : uint8_t {
  kTruncated,         // valid JSON cut short (at a UTF-8 character boundary)
  kNotJson,           // a CSV line, XML, or Python's repr of a dict
  kWrongType,         // one field with another JSON type ("quantite": "2")
  kMissingField,      // one required field left out
  kNegativeQuantite,  // "quantite": -2
  kSubCentAmount,     // "montant": 1799.985
  kBadTimestamp,      // "timestamp": "16/12/2024 14:30" and similar
  kInvalidUtf8,       // a byte sequence that is not UTF-8 inside client_nom
  kHugeString,        // client_nom of several KiB
  kNegativeAmount,    // "montant": -1799.98
  kBadId,             // "produit_id": 0 or negative
  kDuplicateField,    // "montant" given twice
};

inline constexpr int kBadKindCount = 12;

// "truncated", "not_json", ...
std::string_view BadKindName(BadKind kind);

// The reason a SaleDecoder with default options gives for a message of this kind.
RejectReason ExpectedRejectReason(BadKind kind);

// Replaces *out with a payload of `kind` derived from the valid `sale` (an extra-free sale).
void MakeBadPayload(BadKind kind, const Sale& sale, DeterministicRandom& rng, std::string* out);

}  // namespace salesflow
