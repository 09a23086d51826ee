#include "server/dashboard_json.h"

#include "base/civil_time.h"

namespace salesflow {
namespace {

void WriteTotals(JsonWriter& w, const SalesTotals& t) {
  w.Key("nb_ventes").Int(t.nb_ventes);
  w.Key("quantite").Int(t.quantite);
  w.Key("chiffre_affaires").Money(t.chiffre_affaires);
}

const char* GranularityName(Granularity g) {
  switch (g) {
    case Granularity::kMinute:
      return "minute";
    case Granularity::kHour:
      return "hour";
    case Granularity::kDay:
      return "day";
  }
  return "hour";
}

const char* DimensionName(Dimension d) {
  switch (d) {
    case Dimension::kProduit:
      return "produit";
    case Dimension::kCategorie:
      return "categorie";
    case Dimension::kPays:
      return "pays";
    case Dimension::kSegment:
      return "segment";
  }
  return "";
}

const char* SortName(ClientSort s) {
  switch (s) {
    case ClientSort::kChiffreAffaires:
      return "chiffre_affaires";
    case ClientSort::kNbVentes:
      return "nb_ventes";
    case ClientSort::kPanierMoyen:
      return "panier_moyen";
    case ClientSort::kTotalDepense:
      return "total_depense";
    case ClientSort::kClientNom:
      return "client_nom";
    case ClientSort::kDernierAchat:
      return "dernier_achat";
  }
  return "";
}

// A KPI: {"value", "previous", "change_pct"}; money or count.
void WriteKpi(JsonWriter& w, const char* name, int64_t current, const int64_t* previous,
              bool money) {
  w.Key(name).BeginObject();
  if (money) {
    w.Key("value").Money(current);
  } else {
    w.Key("value").Int(current);
  }
  w.Key("previous");
  if (previous == nullptr) {
    w.Null();
  } else if (money) {
    w.Money(*previous);
  } else {
    w.Int(*previous);
  }
  w.Key("change_pct");
  if (previous == nullptr) {
    w.Null();
  } else {
    WriteChangePct(w, current, *previous);
  }
  w.EndObject();
}

void WriteTopClient(JsonWriter& w, const std::optional<TopClient>& c) {
  if (!c) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("client_id").String(c->client_id);
  w.Key("client_nom").String(c->client_nom);
  w.Key("chiffre_affaires").Money(c->chiffre_affaires);
  w.Key("nb_ventes").Int(c->nb_ventes);
  w.EndObject();
}

}  // namespace

void WriteChangePct(JsonWriter& w, int64_t current, int64_t previous) {
  if (previous == 0) {
    w.Null();
    return;
  }
  double pct = (static_cast<double>(current) - static_cast<double>(previous)) * 100.0 /
               static_cast<double>(previous < 0 ? -previous : previous);
  w.Fixed(pct, 1);
}

void BeginEnvelope(JsonWriter& w, const DashboardSnapshot& s) {
  w.BeginObject();
  w.Key("generation").Int(static_cast<int64_t>(s.generation));
  w.Key("state").String(SourceStateName(s.state));
  w.Key("demo").Bool(s.demo);
  w.Key("time_zone").String(s.data->time_zone);
  w.Key("versions").BeginObject();
  w.Key("bronze").Int(s.data->versions.bronze.value());
  w.Key("silver").Int(s.data->versions.silver.value());
  w.Key("gold").Int(s.data->versions.gold.value());
  w.EndObject();
}

void WritePeriod(JsonWriter& w, const DashboardQuery& q, const ResolvedPeriod& p) {
  w.Key("period").BeginObject();
  w.Key("name").String(q.period);
  w.Key("from").String(FormatLocalMinute(p.from));
  w.Key("to").String(FormatLocalMinute(p.to));
  if (p.has_previous) {
    w.Key("previous_from").String(FormatLocalMinute(p.previous_from));
    w.Key("previous_to").String(FormatLocalMinute(p.previous_to));
  } else {
    w.Key("previous_from").Null();
    w.Key("previous_to").Null();
  }
  w.EndObject();
}

std::string KpisJson(const DashboardSnapshot& s, const DashboardQuery& q, const KpiResult& r) {
  JsonWriter w;
  BeginEnvelope(w, s);
  WritePeriod(w, q, r.period);
  const SalesTotals* prev = r.previous ? &*r.previous : nullptr;
  int64_t prev_ca = prev ? prev->chiffre_affaires : 0;
  int64_t prev_nb = prev ? prev->nb_ventes : 0;
  int64_t prev_qty = prev ? prev->quantite : 0;
  int64_t prev_basket = prev ? PanierMoyen(*prev) : 0;
  w.Key("kpis").BeginObject();
  WriteKpi(w, "chiffre_affaires", r.current.chiffre_affaires, prev ? &prev_ca : nullptr, true);
  WriteKpi(w, "nb_ventes", r.current.nb_ventes, prev ? &prev_nb : nullptr, false);
  WriteKpi(w, "quantite", r.current.quantite, prev ? &prev_qty : nullptr, false);
  WriteKpi(w, "panier_moyen", PanierMoyen(r.current), prev ? &prev_basket : nullptr, true);
  w.Key("top_client");
  WriteTopClient(w, r.top_client);
  w.Key("previous_top_client");
  WriteTopClient(w, r.previous_top_client);
  w.EndObject();
  w.EndObject();
  return w.Take();
}

std::string TimeseriesJson(const DashboardSnapshot& s, const DashboardQuery& q,
                           const TimeseriesResult& r) {
  JsonWriter w;
  BeginEnvelope(w, s);
  WritePeriod(w, q, r.period);
  w.Key("granularity").String(GranularityName(q.granularity));
  w.Key("bucket_minutes").Int(r.bucket_minutes);
  w.Key("downsampled").Bool(r.downsampled);
  w.Key("points").BeginArray();
  for (const TimePoint& p : r.points) {
    w.BeginObject();
    w.Key("t").String(FormatLocalMinute(p.start));
    WriteTotals(w, p.totals);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string BreakdownJson(const DashboardSnapshot& s, const DashboardQuery& q,
                          const BreakdownResult& r, Dimension dimension) {
  JsonWriter w;
  BeginEnvelope(w, s);
  WritePeriod(w, q, r.period);
  w.Key("dimension").String(DimensionName(dimension));
  w.Key("total").BeginObject();
  WriteTotals(w, r.total);
  w.EndObject();
  w.Key("rows").BeginArray();
  for (const BreakdownRow& row : r.rows) {
    w.BeginObject();
    w.Key("name").String(row.name);
    if (dimension == Dimension::kProduit) w.Key("categorie").String(row.categorie);
    WriteTotals(w, row.totals);
    w.Key("part_pct");
    if (r.total.chiffre_affaires == 0) {
      w.Null();
    } else {
      w.Fixed(static_cast<double>(row.totals.chiffre_affaires) * 100.0 /
                  static_cast<double>(r.total.chiffre_affaires),
              1);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string ClientsJson(const DashboardSnapshot& s, const DashboardQuery& q,
                        const ClientsResult& r) {
  JsonWriter w;
  BeginEnvelope(w, s);
  WritePeriod(w, q, r.period);
  w.Key("first_day").String(FormatLocalDay(r.first_day));
  w.Key("last_day").String(FormatLocalDay(r.last_day));
  w.Key("sort").String(SortName(q.sort));
  w.Key("order").String(q.ascending ? "asc" : "desc");
  // Client x day rows carry no category: that filter cannot apply to this panel.
  w.Key("ignored_filters").BeginArray();
  if (!q.categories.empty()) w.String("categorie");
  w.EndArray();
  w.Key("matching_clients").Int(r.matching_clients);
  w.Key("rows").BeginArray();
  for (const ClientRow& row : r.rows) {
    const ClientProfile& p = *row.profile;
    w.BeginObject();
    w.Key("client_id").String(p.client_id);
    w.Key("client_nom").String(p.client_nom);
    w.Key("pays").String(p.pays);
    w.Key("segment").String(p.segment);
    w.Key("fidelite").String(p.fidelite);
    w.Key("risque_churn").Bool(p.risque_churn);
    w.Key("nb_ventes").Int(row.nb_ventes);
    w.Key("chiffre_affaires").Money(row.chiffre_affaires);
    w.Key("total_depense").Money(p.total_depense);
    w.Key("nb_achats").Int(p.nb_achats);
    w.Key("panier_moyen").Money(p.panier_moyen);
    w.Key("dernier_achat");
    if (p.in_silver) {
      w.String(FormatTimestampMicrosUtc(p.dernier_achat_us));
    } else {
      w.Null();
    }
    w.Key("in_silver").Bool(p.in_silver);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string HealthJson(const DashboardSnapshot& s) {
  JsonWriter w;
  BeginEnvelope(w, s);
  w.Key("message").String(s.message);
  w.Key("data_end");
  if (s.data->minutes.empty()) {
    w.Null();
  } else {
    w.String(FormatLocalMinute(DataEnd(*s.data)));
  }
  w.Key("rows").BeginObject();
  w.Key("minutes").Int(static_cast<int64_t>(s.data->minutes.size()));
  w.Key("client_days").Int(static_cast<int64_t>(s.data->client_days.size()));
  w.Key("clients").Int(static_cast<int64_t>(s.data->clients.size()));
  w.EndObject();
  w.Key("dimensions").BeginObject();
  auto list = [&](const char* key, const std::vector<std::string>& names) {
    w.Key(key).BeginArray();
    for (const std::string& n : names) w.String(n);
    w.EndArray();
  };
  list("pays", s.data->pays);
  list("segment", s.data->segments);
  list("categorie", s.data->categories);
  w.EndObject();
  w.EndObject();
  return w.Take();
}

std::string ErrorJson(std::string_view code, std::string_view message) {
  JsonWriter w;
  w.BeginObject().Key("error").BeginObject();
  w.Key("code").String(code);
  w.Key("message").String(message);
  w.EndObject().EndObject();
  return w.Take();
}

// chiffre_affaires is Alert::value: the minute's revenue, or for sale_amount_above its largest
// single sale.
void WriteAlertList(JsonWriter& w, const std::vector<Alert>& alerts) {
  w.Key("alerts").BeginArray();
  for (const Alert& a : alerts) {
    w.BeginObject();
    w.Key("rule").String(a.rule);
    w.Key("minute").String(FormatLocalMinute(a.minute));
    w.Key("chiffre_affaires").Money(a.value);
    w.Key("reference").Money(a.reference);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace salesflow
