#include "server/dashboard_query.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "base/civil_time.h"

namespace salesflow {
namespace {

constexpr size_t kMaxValues = 50;
constexpr size_t kMaxValueLength = 100;

bool ParseDigits(std::string_view s, int min, int max, int* out) {
  if (s.empty() || s.size() > 4) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < min || v > max) return false;
  *out = v;
  return true;
}

Result<std::vector<std::string>> ParseList(const std::string& name, const std::string& value) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    if (comma == std::string::npos) comma = value.size();
    std::string item = value.substr(start, comma - start);
    if (item.empty()) {
      return InvalidArgument("parameter '" + name + "': empty value in the list '" + value + "'");
    }
    if (item.size() > kMaxValueLength) {
      return InvalidArgument("parameter '" + name + "': a value is longer than " +
                             std::to_string(kMaxValueLength) + " characters");
    }
    for (unsigned char c : item) {
      if (c < 0x20 || c == 0x7f) {
        return InvalidArgument("parameter '" + name + "': control character in a value");
      }
    }
    out.push_back(std::move(item));
    if (out.size() > kMaxValues) {
      return InvalidArgument("parameter '" + name + "': more than " + std::to_string(kMaxValues) +
                             " values");
    }
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::string FormatLocalMinute(LocalMinute minute) {
  LocalDay day = DayOf(minute);
  int64_t in_day = minute.value() - day.value() * kMinutesPerDay;
  CivilDay c = CivilFromDays(day.value());
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d", c.year, c.month, c.day,
                static_cast<int>(in_day / 60), static_cast<int>(in_day % 60));
  return buf;
}

std::string FormatLocalDay(LocalDay day) {
  return FormatDate(day.value());
}

Result<LocalMinute> ParseLocalMinute(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument(fmt::format(
        "'{}' is not a date (YYYY-MM-DD) or a minute (YYYY-MM-DDTHH:MM)", text.substr(0, 40)));
  };
  if (text.size() != 10 && text.size() != 16) return bad();
  if (text[4] != '-' || text[7] != '-') return bad();
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  if (!ParseDigits(text.substr(0, 4), 1970, 9999, &y) ||
      !ParseDigits(text.substr(5, 2), 1, 12, &mo) || !ParseDigits(text.substr(8, 2), 1, 31, &d)) {
    return bad();
  }
  if (text.size() == 16) {
    if (text[10] != 'T' || text[13] != ':') return bad();
    if (!ParseDigits(text.substr(11, 2), 0, 23, &h) ||
        !ParseDigits(text.substr(14, 2), 0, 59, &mi)) {
      return bad();
    }
  }
  int64_t days = DaysFromCivil(y, static_cast<uint32_t>(mo), static_cast<uint32_t>(d));
  CivilDay back = CivilFromDays(days);
  if (back.day != static_cast<uint32_t>(d)) return bad();  // 2024-02-31
  return LocalMinute(days * kMinutesPerDay + h * 60 + mi);
}

const std::vector<QueryParamSpec>& FilterParamSpecs() {
  static const std::vector<QueryParamSpec> specs = {
      {"period", "period ending at the newest minute with data", {"all", "1h", "24h", "7d", "30d"}},
      {"from", "start, inclusive: YYYY-MM-DD or YYYY-MM-DDTHH:MM in the dashboard time zone", {}},
      {"to", "end, exclusive: YYYY-MM-DD or YYYY-MM-DDTHH:MM in the dashboard time zone", {}},
      {"pays", "countries to keep, comma-separated", {}},
      {"segment", "client segments to keep, comma-separated", {}},
      {"categorie", "product categories to keep, comma-separated", {}},
  };
  return specs;
}

const std::vector<QueryParamSpec>& TimeseriesParamSpecs() {
  static const std::vector<QueryParamSpec> specs = [] {
    std::vector<QueryParamSpec> s = FilterParamSpecs();
    s.push_back({"granularity",
                 "bucket width before downsampling to at most 2000 points",
                 {"minute", "hour", "day"}});
    return s;
  }();
  return specs;
}

const std::vector<QueryParamSpec>& ClientsParamSpecs() {
  static const std::vector<QueryParamSpec> specs = [] {
    std::vector<QueryParamSpec> s = FilterParamSpecs();
    s.push_back({"limit", "number of clients, 1..100 (default 10)", {}});
    s.push_back({"sort",
                 "column to rank on (default chiffre_affaires)",
                 {"chiffre_affaires", "nb_ventes", "panier_moyen", "total_depense", "client_nom",
                  "dernier_achat"}});
    s.push_back({"order", "asc or desc (default desc)", {"asc", "desc"}});
    return s;
  }();
  return specs;
}

Result<DashboardQuery> ParseDashboardQuery(const QueryParams& params,
                                           const std::vector<QueryParamSpec>& allowed) {
  DashboardQuery q;
  std::set<std::string> seen;
  bool explicit_period = false;
  for (const auto& [name, value] : params) {
    auto spec = std::find_if(allowed.begin(), allowed.end(),
                             [&](const QueryParamSpec& s) { return name == s.name; });
    if (spec == allowed.end()) {
      std::string names;
      for (const QueryParamSpec& s : allowed)
        names += std::string(names.empty() ? "" : ", ") + s.name;
      return InvalidArgument("unknown parameter '" + name.substr(0, 40) + "' (accepted: " + names +
                             ")");
    }
    if (!seen.insert(name).second) {
      return InvalidArgument("parameter '" + name + "' given more than once");
    }
    if (!spec->choices.empty() && std::none_of(spec->choices.begin(), spec->choices.end(),
                                               [&](const char* c) { return value == c; })) {
      std::string choices;
      for (const char* c : spec->choices) choices += std::string(choices.empty() ? "" : ", ") + c;
      return InvalidArgument("parameter '" + name + "': '" + value.substr(0, 40) +
                             "' is not one of " + choices);
    }
    if (name == "period") {
      q.period = value;
      explicit_period = true;
    } else if (name == "from" || name == "to") {
      auto m = ParseLocalMinute(value);
      if (!m.ok()) return m.status().WithContext("parameter '" + name + "'");
      (name == "from" ? q.from : q.to) = *m;
    } else if (name == "pays" || name == "segment" || name == "categorie") {
      SF_ASSIGN_OR_RETURN(auto list, ParseList(name, value));
      (name == "pays" ? q.pays : name == "segment" ? q.segments : q.categories) = std::move(list);
    } else if (name == "granularity") {
      q.granularity = value == "minute" ? Granularity::kMinute
                      : value == "day"  ? Granularity::kDay
                                        : Granularity::kHour;
    } else if (name == "limit") {
      int limit = 0;
      if (!ParseDigits(value, 1, 100, &limit)) {
        return InvalidArgument("parameter 'limit': '" + value.substr(0, 40) +
                               "' is not a whole number from 1 to 100");
      }
      q.limit = limit;
    } else if (name == "sort") {
      static const std::pair<const char*, ClientSort> kSorts[] = {
          {"chiffre_affaires", ClientSort::kChiffreAffaires},
          {"nb_ventes", ClientSort::kNbVentes},
          {"panier_moyen", ClientSort::kPanierMoyen},
          {"total_depense", ClientSort::kTotalDepense},
          {"client_nom", ClientSort::kClientNom},
          {"dernier_achat", ClientSort::kDernierAchat}};
      for (const auto& [n, s] : kSorts) {
        if (value == n) q.sort = s;
      }
    } else if (name == "order") {
      q.ascending = value == "asc";
    }
  }
  if (explicit_period && (q.from || q.to)) {
    return InvalidArgument("give either 'period' or 'from'/'to', not both");
  }
  if (q.from && q.to && *q.from >= *q.to) {
    return InvalidArgument("'from' (" + FormatLocalMinute(*q.from) + ") must be before 'to' (" +
                           FormatLocalMinute(*q.to) + ")");
  }
  if (q.from || q.to) q.period = "custom";
  return q;
}

}  // namespace salesflow
