#include "event/sale_decoder.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

#include "event/sale_json.h"

namespace salesflow {
namespace {

constexpr std::string_view kSeedMessage =
    R"({"vente_id": 42, "client_id": 1, "produit_id": 101, "timestamp": "2024-12-16T14:30:00", )"
    R"("quantite": 2, "montant": 1799.98, "client_nom": "Jean Dupont", )"
    R"("produit_nom": "Ordinateur portable", "categorie": "Électronique", "pays": "France", )"
    R"("segment": "Particulier"})";

// The seed message with one field's JSON value text replaced (or the field removed when
// `value` is empty).
std::string WithField(std::string_view field, std::string_view value) {
  std::string msg(kSeedMessage);
  const std::string key = "\"" + std::string(field) + "\": ";
  size_t start = msg.find(key);
  EXPECT_NE(start, std::string::npos) << field;
  size_t value_start = start + key.size();
  size_t end = value_start;
  if (msg[end] == '"') {
    end = msg.find('"', end + 1) + 1;
  } else {
    end = msg.find_first_of(",}", end);
  }
  if (value.empty()) {
    // Remove `"key": value` and the separator next to it.
    size_t cut_start = start;
    size_t cut_end = end;
    if (msg.compare(cut_end, 2, ", ") == 0) {
      cut_end += 2;
    } else {
      cut_start -= 2;
    }
    msg.erase(cut_start, cut_end - cut_start);
  } else {
    msg.replace(value_start, end - value_start, value);
  }
  return msg;
}

struct Outcome {
  bool ok;
  Rejection rejection;
  Sale sale;
};

Outcome DecodeWith(SaleDecoder& decoder, std::string_view payload) {
  Outcome o;
  Status s = decoder.Decode(payload, &o.sale, &o.rejection);
  o.ok = s.ok();
  if (!s.ok()) {
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s, o.rejection.ToStatus());
    EXPECT_FALSE(o.rejection.message.empty());
  }
  return o;
}

Outcome DecodeOne(std::string_view payload) {
  SaleDecoder decoder;
  return DecodeWith(decoder, payload);
}

void ExpectRejected(std::string_view payload, RejectReason reason, std::string_view field) {
  Outcome o = DecodeOne(payload);
  ASSERT_FALSE(o.ok) << payload;
  EXPECT_EQ(RejectReasonName(o.rejection.reason), RejectReasonName(reason))
      << payload << " -> " << o.rejection.message;
  EXPECT_EQ(o.rejection.field, field) << payload;
}

TEST(SaleDecoderTest, DecodesTheSeedMessage) {
  Outcome o = DecodeOne(kSeedMessage);
  ASSERT_TRUE(o.ok) << o.rejection.message;
  const Sale& s = o.sale;
  EXPECT_EQ(s.vente_id, VenteId(42));
  EXPECT_EQ(s.client_id, ClientId(1));
  EXPECT_EQ(s.produit_id, ProduitId(101));
  EXPECT_TRUE(s.timestamp.naive());
  EXPECT_EQ(FormatSaleTime(s.timestamp), "2024-12-16T14:30:00");
  EXPECT_EQ(s.timestamp.utc_micros, 1734359400LL * 1000000);
  EXPECT_EQ(s.quantite, 2);
  EXPECT_EQ(s.montant, Cents(179998));
  EXPECT_EQ(s.client_nom, "Jean Dupont");
  EXPECT_EQ(s.produit_nom, "Ordinateur portable");
  EXPECT_EQ(s.categorie, "Électronique");
  EXPECT_EQ(s.pays, "France");
  EXPECT_EQ(s.segment, "Particulier");
  EXPECT_EQ(s.extra_json, "");
  // And it encodes back to the very same bytes.
  EXPECT_EQ(EncodeSaleJson(s), kSeedMessage);
}

TEST(SaleDecoderTest, EscapedAccentsDecodeToUtf8) {
  Outcome o = DecodeOne(WithField("categorie", R"("\u00c9lectronique")"));
  ASSERT_TRUE(o.ok) << o.rejection.message;
  EXPECT_EQ(o.sale.categorie, "Électronique");
  o = DecodeOne(WithField("client_nom", R"("Fran\u00e7ois M\u00fcller \ud83d\ude00")"));
  ASSERT_TRUE(o.ok) << o.rejection.message;
  EXPECT_EQ(o.sale.client_nom, "François Müller 😀");
}

TEST(SaleDecoderTest, NaiveTimeReadInConfiguredZone) {
  auto paris = TimeZone::Find("Europe/Paris");
  ASSERT_TRUE(paris.ok()) << paris.status().ToString();
  SaleDecoderOptions options;
  options.time_zone = *paris;
  SaleDecoder decoder(options);
  Outcome o = DecodeWith(decoder, kSeedMessage);
  ASSERT_TRUE(o.ok);
  EXPECT_EQ(o.sale.timestamp.utc_micros, (1734359400LL - 3600) * 1000000);  // CET = UTC+1
  EXPECT_EQ(o.sale.timestamp.utc_offset_seconds, 3600);
  EXPECT_EQ(EncodeSaleJson(o.sale), kSeedMessage);  // still written as the naive wall clock
}

TEST(SaleDecoderTest, TimestampForms) {
  struct Case {
    std::string_view text;
    int64_t utc_seconds;
    int64_t micros;
  };
  for (const Case& c : std::vector<Case>{
           {"2024-12-16T14:30:00Z", 1734359400, 0},
           {"2024-12-16T15:30:00+01:00", 1734359400, 0},
           {"2024-12-16T09:00:00-0530", 1734359400, 0},
           {"2024-12-16 14:30:00.5", 1734359400, 500000},
           {"2024-12-16T14:30:00.123456789z", 1734359400, 123456},
           {"2024-02-29T00:00:00", 1709164800, 0},
       }) {
    Outcome o = DecodeOne(WithField("timestamp", "\"" + std::string(c.text) + "\""));
    ASSERT_TRUE(o.ok) << c.text << ": " << o.rejection.message;
    EXPECT_EQ(o.sale.timestamp.utc_micros, c.utc_seconds * 1000000 + c.micros) << c.text;
  }
}

TEST(SaleDecoderTest, BadTimestamps) {
  for (std::string_view bad :
       {"", "2024-12-16", "2024-12-16T14:30", "2024-13-01T00:00:00", "2023-02-29T00:00:00",
        "2024-12-16T24:00:00", "2024-12-16T23:59:60", "2024-12-16T14:30:00.",
        "2024-12-16T14:30:00.1234567890", "2024-12-16T14:30:00+1", "2024-12-16T14:30:00+24:00",
        "2024-12-16T14:30:00Z ", "16/12/2024 14:30", "0000-01-01T00:00:00",
        "2024-12-16X14:30:00"}) {
    ExpectRejected(WithField("timestamp", "\"" + std::string(bad) + "\""),
                   RejectReason::kBadTimestamp, "timestamp");
  }
  ExpectRejected(WithField("timestamp", std::string(100, '"') + "\""), RejectReason::kMalformedJson,
                 "");
}

TEST(SaleDecoderTest, MoneyExactness) {
  struct Case {
    std::string_view text;
    int64_t cents;
  };
  for (const Case& c : std::vector<Case>{{"1799.98", 179998},
                                         {"29.970000000000002", 2997},
                                         {"0.30000000000000004", 30},
                                         {"0", 0},
                                         {"1e-7", 0},
                                         {"1.79998e3", 179998},
                                         {"12.5", 1250}}) {
    Outcome o = DecodeOne(WithField("montant", c.text));
    ASSERT_TRUE(o.ok) << c.text << ": " << o.rejection.message;
    EXPECT_EQ(o.sale.montant, Cents(c.cents)) << c.text;
  }
  ExpectRejected(WithField("montant", "12.345"), RejectReason::kSubCentAmount, "montant");
  ExpectRejected(WithField("montant", "-5.00"), RejectReason::kNegativeAmount, "montant");
  ExpectRejected(WithField("montant", "1e300"), RejectReason::kOutOfRange, "montant");
  ExpectRejected(WithField("montant", "99999999999999999999"), RejectReason::kOutOfRange,
                 "montant");
  ExpectRejected(WithField("montant", R"("1799.98")"), RejectReason::kWrongType, "montant");
}

TEST(SaleDecoderTest, EveryFieldIsRequired) {
  for (std::string_view field :
       {"vente_id", "client_id", "produit_id", "timestamp", "quantite", "montant", "client_nom",
        "produit_nom", "categorie", "pays", "segment"}) {
    ExpectRejected(WithField(field, ""), RejectReason::kMissingField, field);
  }
  Outcome o = DecodeOne("{}");
  ASSERT_FALSE(o.ok);
  EXPECT_EQ(o.rejection.field, "vente_id");
  EXPECT_NE(o.rejection.message.find("segment"), std::string::npos) << o.rejection.message;
}

TEST(SaleDecoderTest, WrongTypeForEveryField) {
  const std::vector<std::string_view> numeric = {"vente_id", "client_id", "produit_id", "quantite",
                                                 "montant"};
  const std::vector<std::string_view> text = {"timestamp", "client_nom", "produit_nom",
                                              "categorie", "pays",       "segment"};
  for (std::string_view field : numeric) {
    for (std::string_view v : {R"("12")", "true", "null", "[1]", R"({"a": 1})"}) {
      ExpectRejected(WithField(field, v), RejectReason::kWrongType, field);
    }
  }
  for (std::string_view field : text) {
    for (std::string_view v : {"12", "false", "null", R"(["x"])", R"({"a": "b"})"}) {
      ExpectRejected(WithField(field, v), RejectReason::kWrongType, field);
    }
  }
  for (std::string_view field : {"vente_id", "client_id", "produit_id", "quantite"}) {
    ExpectRejected(WithField(field, "1.5"), RejectReason::kWrongType, field);
    ExpectRejected(WithField(field, "2.0"), RejectReason::kWrongType, field);
    ExpectRejected(WithField(field, "1e3"), RejectReason::kWrongType, field);
  }
}

TEST(SaleDecoderTest, Ranges) {
  for (std::string_view field : {"vente_id", "client_id", "produit_id"}) {
    ExpectRejected(WithField(field, "0"), RejectReason::kOutOfRange, field);
    ExpectRejected(WithField(field, "-3"), RejectReason::kOutOfRange, field);
    ExpectRejected(WithField(field, "99999999999999999999"), RejectReason::kOutOfRange, field);
    ExpectRejected(WithField(field, "-99999999999999999999"), RejectReason::kOutOfRange, field);
  }
  ExpectRejected(WithField("quantite", "0"), RejectReason::kOutOfRange, "quantite");
  ExpectRejected(WithField("quantite", "-2"), RejectReason::kOutOfRange, "quantite");
  ExpectRejected(WithField("quantite", "1000001"), RejectReason::kOutOfRange, "quantite");
  ExpectRejected(WithField("quantite", "4294967297"), RejectReason::kOutOfRange, "quantite");
  Outcome o = DecodeOne(WithField("vente_id", "9223372036854775807"));
  ASSERT_TRUE(o.ok) << o.rejection.message;
  EXPECT_EQ(o.sale.vente_id, VenteId(9223372036854775807));
}

TEST(SaleDecoderTest, TextFieldRules) {
  ExpectRejected(WithField("pays", R"("")"), RejectReason::kEmptyString, "pays");
  ExpectRejected(WithField("client_nom", "\"" + std::string(257, 'a') + "\""),
                 RejectReason::kStringTooLong, "client_nom");
  ExpectRejected(WithField("segment", R"("Parti\nculier")"), RejectReason::kControlCharacter,
                 "segment");
  ExpectRejected(WithField("segment", R"("Parti\u0000culier")"), RejectReason::kControlCharacter,
                 "segment");
  ExpectRejected(WithField("segment",
                           "\"Parti\x7f"
                           "culier\""),
                 RejectReason::kControlCharacter, "segment");
  // A raw (unescaped) control character is not JSON at all.
  ExpectRejected(WithField("segment", "\"Parti\tculier\""), RejectReason::kMalformedJson, "");
  ExpectRejected(WithField("segment", R"("\ud800")"), RejectReason::kMalformedJson, "segment");
  ExpectRejected(WithField("segment", R"("\x41")"), RejectReason::kMalformedJson, "segment");
  Outcome o = DecodeOne(WithField("client_nom", "\"" + std::string(256, 'a') + "\""));
  EXPECT_TRUE(o.ok) << o.rejection.message;
  // The limit counts UTF-8 bytes after unescaping: 128 x "é" = 256 bytes is fine.
  std::string escaped;
  for (int i = 0; i < 128; ++i) escaped += "\\u00e9";
  EXPECT_TRUE(DecodeOne(WithField("client_nom", "\"" + escaped + "\"")).ok);
  EXPECT_FALSE(DecodeOne(WithField("client_nom", "\"" + escaped + "\\u00e9\"")).ok);
}

TEST(SaleDecoderTest, DuplicateKeys) {
  std::string msg(kSeedMessage);
  msg.insert(1, R"("montant": 1.0, )");
  ExpectRejected(msg, RejectReason::kDuplicateField, "montant");
  msg = std::string(kSeedMessage);
  msg.insert(1, R"("canal": "web", "canal": "app", )");
  ExpectRejected(msg, RejectReason::kDuplicateField, "canal");
  msg = std::string(kSeedMessage);
  msg.insert(1, R"("vente\u005fid": 7, )");  // the same key once unescaped
  ExpectRejected(msg, RejectReason::kDuplicateField, "vente_id");
}

TEST(SaleDecoderTest, ManyExtraKeysAreCheckedForDuplicates) {
  std::string many(kSeedMessage);
  many.pop_back();
  for (int i = 0; i < 3000; ++i) many += ", \"k" + std::to_string(i) + "\": " + std::to_string(i);
  Outcome o = DecodeOne(many + "}");
  ASSERT_TRUE(o.ok) << o.rejection.message;
  EXPECT_NE(o.sale.extra_json.find("\"k2999\": 2999}"), std::string::npos);
  ExpectRejected(many + ", \"k1234\": 0}", RejectReason::kDuplicateField, "k1234");
  ExpectRejected(many + ", \"k\\u0031\": 0}", RejectReason::kDuplicateField, "k1");
}

TEST(SaleDecoderTest, ExtraFieldsAreKept) {
  std::string msg(kSeedMessage);
  msg.insert(msg.size() - 1,
             R"(, "canal":"web" , "remise": {"code": "NO\u00cbL", "taux": 0.1, "ok": true},)"
             R"( "tags": [1, null, false, [], {}], "big": 123456789012345678901234567890)");
  Outcome o = DecodeOne(msg);
  ASSERT_TRUE(o.ok) << o.rejection.message;
  EXPECT_EQ(o.sale.extra_json,
            R"({"canal": "web", "remise": {"code": "NOËL", "taux": 0.1, "ok": true}, )"
            R"("tags": [1, null, false, [], {}], "big": 123456789012345678901234567890})");
  // Re-encoded after the seed's fields, and decoding that gives the same sale.
  std::string encoded = EncodeSaleJson(o.sale);
  Outcome again = DecodeOne(encoded);
  ASSERT_TRUE(again.ok) << again.rejection.message;
  EXPECT_EQ(again.sale, o.sale);
  // Fields may come in any order.
  std::string reordered = WithField("vente_id", "");
  reordered.insert(1, R"("vente_id": 42, )");
  EXPECT_TRUE(DecodeOne(reordered).ok);
}

TEST(SaleDecoderTest, ExtraFieldsAreValidatedAndBounded) {
  std::string deep(kSeedMessage);
  deep.insert(deep.size() - 1, ", \"x\": " + std::string(100, '[') + std::string(100, ']'));
  ExpectRejected(deep, RejectReason::kTooDeep, "x");
  std::string very_deep(kSeedMessage);
  very_deep.insert(very_deep.size() - 1,
                   ", \"x\": " + std::string(20000, '[') + std::string(20000, ']'));
  Outcome o = DecodeOne(very_deep);
  ASSERT_FALSE(o.ok);
  std::string broken(kSeedMessage);
  broken.insert(broken.size() - 1, R"(, "x": [1, 2})");
  ExpectRejected(broken, RejectReason::kMalformedJson, "x");
  std::string bad_literal(kSeedMessage);
  bad_literal.insert(bad_literal.size() - 1, R"(, "x": tru)");
  EXPECT_FALSE(DecodeOne(bad_literal).ok);
  std::string bad_number(kSeedMessage);
  bad_number.insert(bad_number.size() - 1, R"(, "x": 01)");
  EXPECT_FALSE(DecodeOne(bad_number).ok);
  std::string ok_depth(kSeedMessage);
  ok_depth.insert(ok_depth.size() - 1, ", \"x\": " + std::string(31, '[') + std::string(31, ']'));
  EXPECT_TRUE(DecodeOne(ok_depth).ok) << DecodeOne(ok_depth).rejection.message;
}

TEST(SaleDecoderTest, MalformedInputs) {
  ExpectRejected("", RejectReason::kMalformedJson, "");
  ExpectRejected("   ", RejectReason::kMalformedJson, "");
  ExpectRejected("not json", RejectReason::kMalformedJson, "");
  ExpectRejected("[1, 2]", RejectReason::kWrongType, "");
  ExpectRejected("42", RejectReason::kWrongType, "");
  ExpectRejected(R"("vente")", RejectReason::kWrongType, "");
  ExpectRejected("null", RejectReason::kWrongType, "");
  ExpectRejected(std::string(kSeedMessage) + " {}", RejectReason::kMalformedJson, "");
  ExpectRejected(std::string(kSeedMessage) + "x", RejectReason::kMalformedJson, "");
  // Structural damage anywhere, including inside the seed's own fields.
  for (auto [from, to] : std::vector<std::pair<std::string_view, std::string_view>>{
           {"42, ", "42 "},
           {"42, ", "42,, "},
           {"\"Particulier\"}", "\"Particulier\",}"},
           {"\"vente_id\": ", "\"vente_id\" "},
           {"\"quantite\": 2", "\"quantite\": 2x"},
           {"\"quantite\": 2", "\"quantite\": 02"},
           {"\"quantite\": 2", "\"quantite\": -"},
           {"1799.98", "1799.98.5"},
           {"1799.98", "1799.98e"},
           {"\"France\"", "'France'"},
           {"\"France\"", "\"France"},
           {"{\"vente_id\"", "{vente_id"},
           {"}", "]"},
       }) {
    std::string msg(kSeedMessage);
    msg.replace(msg.find(from), from.size(), to);
    Outcome o = DecodeOne(msg);
    EXPECT_FALSE(o.ok) << msg;
    EXPECT_EQ(RejectReasonName(o.rejection.reason), "malformed_json")
        << msg << " -> " << o.rejection.message;
  }
  EXPECT_TRUE(DecodeOne(std::string(kSeedMessage) + " \n").ok);
  EXPECT_TRUE(DecodeOne(" \n" + std::string(kSeedMessage)).ok);
}

TEST(SaleDecoderTest, TruncatedAtEveryByteIsRejected) {
  SaleDecoder decoder;
  for (size_t len = 0; len < kSeedMessage.size(); ++len) {
    Outcome o = DecodeWith(decoder, kSeedMessage.substr(0, len));
    EXPECT_FALSE(o.ok) << "accepted a message cut at " << len;
  }
  EXPECT_TRUE(DecodeWith(decoder, kSeedMessage).ok);
}

TEST(SaleDecoderTest, InvalidUtf8) {
  for (std::string_view bytes :
       {std::string_view("\xff"), std::string_view("\xc3"), std::string_view("\xc0\xa9"),
        std::string_view("\xed\xa0\x80"), std::string_view("\xf4\x90\x80\x80")}) {
    std::string msg = WithField("client_nom", "\"Jean " + std::string(bytes) + " Dupont\"");
    Outcome o = DecodeOne(msg);
    ASSERT_FALSE(o.ok);
    EXPECT_EQ(o.rejection.reason, RejectReason::kInvalidUtf8);
    EXPECT_NE(o.rejection.message.find(std::to_string(msg.find("Jean ") + 5)), std::string::npos)
        << o.rejection.message;
  }
}

TEST(SaleDecoderTest, SizeLimits) {
  std::string megabyte = WithField("client_nom", "\"" + std::string(1 << 20, 'a') + "\"");
  ExpectRejected(megabyte, RejectReason::kTooLarge, "");
  SaleDecoderOptions options;
  options.max_message_bytes = 2 << 20;
  SaleDecoder big(options);
  Outcome o = DecodeWith(big, megabyte);
  ASSERT_FALSE(o.ok);
  EXPECT_EQ(o.rejection.reason, RejectReason::kStringTooLong);
  EXPECT_EQ(o.rejection.field, "client_nom");
  // Huge numbers in every numeric field: a reason, not a crash.
  const std::string huge = std::string(5000, '9');
  for (std::string_view field : {"vente_id", "quantite", "montant"}) {
    Outcome h = DecodeOne(WithField(field, huge));
    ASSERT_FALSE(h.ok);
    EXPECT_EQ(h.rejection.reason, RejectReason::kOutOfRange) << h.rejection.message;
    EXPECT_LT(h.rejection.message.size(), 200u);
  }
}

TEST(SaleDecoderTest, ReusedDecoderKeepsNoStateBetweenMessages) {
  SaleDecoder decoder;
  std::string with_extra(kSeedMessage);
  with_extra.insert(with_extra.size() - 1, R"(, "canal": "web")");
  Sale sale;
  Rejection rejection;
  ASSERT_TRUE(decoder.Decode(with_extra, &sale, &rejection).ok());
  EXPECT_EQ(sale.extra_json, R"({"canal": "web"})");
  ASSERT_FALSE(decoder.Decode("{", &sale, &rejection).ok());
  ASSERT_TRUE(decoder.Decode(kSeedMessage, &sale, &rejection).ok());
  EXPECT_EQ(sale.extra_json, "");
  ASSERT_TRUE(decoder.Decode(with_extra, &sale, &rejection).ok());
  ASSERT_TRUE(decoder.Decode(with_extra, &sale, &rejection).ok());  // no false duplicate
  auto result = decoder.Decode(kSeedMessage);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->vente_id, VenteId(42));
}

TEST(SaleDecoderTest, MessagesStayValidUtf8WithoutControlCharacters) {
  std::string accents;
  for (int i = 0; i < 30; ++i) accents += "é";
  for (const std::string& msg :
       {WithField("timestamp", "\"x" + accents + "\""), WithField("timestamp", R"("x\n\u0001")"),
        WithField("quantite", "1." + accents), WithField("montant", "1" + accents)}) {
    Outcome o = DecodeOne(msg);
    ASSERT_FALSE(o.ok) << msg;
    // Bronze stores the message as UTF-8 text: never a cut character, never a raw control.
    EXPECT_TRUE(simdjson::validate_utf8(o.rejection.message)) << o.rejection.message;
    for (char c : o.rejection.message) EXPECT_GE(static_cast<unsigned char>(c), 0x20);
  }
  // The same for the field name when it is an unknown key.
  std::string msg(kSeedMessage);
  msg.insert(1, "\"a\\n" + accents + "\": [1, 2}, ");
  Outcome o = DecodeOne(msg);
  ASSERT_FALSE(o.ok);
  EXPECT_TRUE(simdjson::validate_utf8(o.rejection.field)) << o.rejection.field;
  EXPECT_EQ(o.rejection.field.substr(0, 7), "a\\u000a");
  EXPECT_LE(o.rejection.field.size(), 50u);
}

TEST(SaleDecoderTest, StatusNamesReasonAndField) {
  SaleDecoder decoder;
  auto result = decoder.Decode(WithField("quantite", "-2"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "out_of_range at quantite: must be in 1..1000000, got -2");
}

}  // namespace
}  // namespace salesflow
