#include "event/catalog_names.h"

#include <array>

namespace salesflow {
namespace {

using std::string_view;

constexpr std::array<string_view, 16> kFrFirst = {
    "Jean",    "Marie",  "Pierre",  "Sophie", "Luc",    "Camille", "Julien",   "Chloé",
    "Nicolas", "Élodie", "Antoine", "Léa",    "Thomas", "Manon",   "François", "Inès"};
constexpr std::array<string_view, 16> kFrLast = {
    "Dupont", "Martin", "Bernard", "Dubois",   "Durand", "Lefèvre", "Moreau", "Laurent",
    "Simon",  "Michel", "Garnier", "Rousseau", "Faure",  "Mercier", "Girard", "Bonnet"};
constexpr std::array<string_view, 3> kFrCompany = {"SARL", "SAS", "et Fils"};

constexpr std::array<string_view, 8> kBeFirst = {"Lucas",  "Emma",   "Louis",  "Olivia",
                                                 "Arthur", "Louise", "Victor", "Zoé"};
constexpr std::array<string_view, 8> kBeLast = {"Peeters", "Janssens", "Maes",    "Lambert",
                                                "Dumont",  "Claes",    "Wouters", "Goossens"};
constexpr std::array<string_view, 2> kBeCompany = {"SRL", "SA"};

constexpr std::array<string_view, 8> kChFirst = {"Lukas", "Anna",  "Noah",   "Mia",
                                                 "Léon",  "Laura", "Matteo", "Julie"};
constexpr std::array<string_view, 8> kChLast = {"Müller", "Meier", "Schmid", "Keller",
                                                "Weber",  "Favre", "Rochat", "Perrin"};
constexpr std::array<string_view, 3> kChCompany = {"SA", "Sàrl", "AG"};

constexpr std::array<string_view, 8> kCaFirst = {"Gabriel", "Émilie", "Olivier", "Charlotte",
                                                 "William", "Alice",  "Samuel",  "Florence"};
constexpr std::array<string_view, 8> kCaLast = {"Tremblay", "Gagnon",   "Roy",   "Côté",
                                                "Bouchard", "Gauthier", "Morin", "Lavoie"};
constexpr std::array<string_view, 2> kCaCompany = {"Inc.", "Ltée"};

constexpr std::array<string_view, 12> kEsFirst = {"María", "José",   "Carmen", "Antonio",
                                                  "Lucía", "Javier", "Elena",  "Manuel",
                                                  "Sofía", "Álvaro", "Paula",  "Sergio"};
constexpr std::array<string_view, 12> kEsLast = {"García", "Fernández", "González", "Rodríguez",
                                                 "López",  "Martínez",  "Sánchez",  "Pérez",
                                                 "Gómez",  "Martín",    "Jiménez",  "Ruiz"};
constexpr std::array<string_view, 2> kEsCompany = {"S.L.", "S.A."};

constexpr std::array<string_view, 8> kMxFirst = {"Alejandro", "Guadalupe", "Juan",   "Fernanda",
                                                 "Diego",     "Valeria",   "Carlos", "Ximena"};
constexpr std::array<string_view, 8> kMxLast = {"Hernández", "Ramírez", "Flores", "Cruz",
                                                "Morales",   "Reyes",   "Torres", "Vargas"};
constexpr std::array<string_view, 1> kMxCompany = {"S.A. de C.V."};

constexpr std::array<string_view, 12> kUkFirst = {"John",   "Emma",   "James", "Olivia",
                                                  "Oliver", "Amelia", "Harry", "Isla",
                                                  "George", "Grace",  "Jack",  "Sophie"};
constexpr std::array<string_view, 12> kUkLast = {"Smith",    "Jones",  "Taylor",  "Brown",
                                                 "Williams", "Wilson", "Johnson", "Davies",
                                                 "Evans",    "Thomas", "Roberts", "Walker"};
constexpr std::array<string_view, 2> kUkCompany = {"Ltd", "PLC"};

constexpr std::array<string_view, 8> kIeFirst = {"Seán", "Aoife",   "Conor", "Niamh",
                                                 "Liam", "Saoirse", "Cian",  "Róisín"};
constexpr std::array<string_view, 8> kIeLast = {"Murphy",  "Kelly", "O'Sullivan", "Walsh",
                                                "O'Brien", "Byrne", "Ryan",       "O'Connor"};
constexpr std::array<string_view, 2> kIeCompany = {"Ltd", "DAC"};

constexpr std::array<string_view, 8> kUsFirst = {"Michael", "Emily",  "David",       "Madison",
                                                 "Daniel",  "Ashley", "Christopher", "Jessica"};
constexpr std::array<string_view, 8> kUsLast = {"Miller",  "Davis",  "Anderson", "Moore",
                                                "Jackson", "Harris", "Clark",    "Lewis"};
constexpr std::array<string_view, 2> kUsCompany = {"Inc.", "LLC"};

const std::array<CountryNames, 9> kCountries = {{
    {"France", 30, kFrFirst, kFrLast, kFrCompany},
    {"Espagne", 15, kEsFirst, kEsLast, kEsCompany},
    {"Royaume-Uni", 15, kUkFirst, kUkLast, kUkCompany},
    {"Belgique", 8, kBeFirst, kBeLast, kBeCompany},
    {"Suisse", 6, kChFirst, kChLast, kChCompany},
    {"Canada", 6, kCaFirst, kCaLast, kCaCompany},
    {"Mexique", 6, kMxFirst, kMxLast, kMxCompany},
    {"Irlande", 4, kIeFirst, kIeLast, kIeCompany},
    {"États-Unis", 10, kUsFirst, kUsLast, kUsCompany},
}};

constexpr std::array<ProductTemplate, 10> kElectronique = {{
    {"Ordinateur portable", 49999, 189999},
    {"Smartphone", 19999, 129999},
    {"Casque audio", 2999, 34999},
    {"Tablette", 14999, 99999},
    {"Montre connectée", 9999, 49999},
    {"Enceinte Bluetooth", 1999, 29999},
    {"Écran 27 pouces", 14999, 59999},
    {"Clavier mécanique", 4999, 19999},
    {"Souris sans fil", 999, 8999},
    {"Appareil photo hybride", 49999, 249999},
}};
constexpr std::array<ProductTemplate, 12> kLivres = {{
    {"Livre \"Le Petit Prince\"", 599, 1999},
    {"Livre \"1984\"", 599, 1999},
    {"Livre \"L'Étranger\"", 599, 1599},
    {"Livre \"Les Misérables\"", 899, 3499},
    {"Livre \"Cien años de soledad\"", 799, 2499},
    {"Livre \"Don Quijote\"", 899, 2999},
    {"Livre \"Pride and Prejudice\"", 599, 1999},
    {"Livre \"Le Comte de Monte-Cristo\"", 999, 3499},
    {"Livre \"Madame Bovary\"", 499, 1499},
    {"Livre \"La sombra del viento\"", 799, 2299},
    {"Livre \"Le Seigneur des anneaux\"", 1499, 4999},
    {"Livre \"Dune\"", 799, 2499},
}};
constexpr std::array<ProductTemplate, 6> kMaison = {{
    {"Cafetière", 2999, 19999},
    {"Aspirateur robot", 14999, 69999},
    {"Lampe de bureau", 1999, 8999},
    {"Poêle en fonte", 2499, 9999},
    {"Set de couteaux", 2999, 14999},
    {"Bouilloire électrique", 1999, 7999},
}};
constexpr std::array<ProductTemplate, 6> kSport = {{
    {"Vélo de ville", 29999, 119999},
    {"Tapis de yoga", 1499, 6999},
    {"Chaussures de running", 4999, 17999},
    {"Raquette de tennis", 3999, 24999},
    {"Ballon de football", 999, 4999},
    {"Haltères 10 kg", 1999, 7999},
}};
constexpr std::array<ProductTemplate, 6> kVetements = {{
    {"Veste en jean", 3999, 12999},
    {"Pull en laine", 2999, 11999},
    {"Baskets", 4999, 15999},
    {"T-shirt coton bio", 999, 3999},
    {"Manteau d'hiver", 7999, 29999},
    {"Robe d'été", 2499, 8999},
}};
constexpr std::array<ProductTemplate, 5> kJouets = {{
    {"Jeu de société", 1999, 5999},
    {"Puzzle 1000 pièces", 999, 2999},
    {"Peluche", 999, 3999},
    {"Circuit de voitures", 2999, 9999},
    {"Kit de construction", 1999, 14999},
}};
constexpr std::array<ProductTemplate, 4> kBeaute = {{
    {"Parfum 50 ml", 3999, 12999},
    {"Crème hydratante", 999, 5999},
    {"Sèche-cheveux", 2999, 29999},
    {"Coffret soin", 2499, 8999},
}};
constexpr std::array<ProductTemplate, 4> kJardin = {{
    {"Tondeuse électrique", 9999, 49999},
    {"Barbecue", 7999, 59999},
    {"Salon de jardin", 19999, 99999},
    {"Tuyau d'arrosage 25 m", 1999, 6999},
}};

const std::array<CategoryTemplates, 8> kCategories = {{
    {"Électronique", 30, kElectronique},
    {"Livres", 20, kLivres},
    {"Maison", 12, kMaison},
    {"Sport", 10, kSport},
    {"Vêtements", 12, kVetements},
    {"Jouets", 6, kJouets},
    {"Beauté", 6, kBeaute},
    {"Jardin", 4, kJardin},
}};

constexpr std::array<string_view, 10> kVariants = {
    " Pro",     " Lite",         " Max",  " Plus",  " Compact",
    " Premium", " Édition 2024", " Mini", " Sport", " Classique"};

}  // namespace

std::span<const CountryNames> CatalogCountries() {
  return kCountries;
}
std::span<const CategoryTemplates> CatalogCategories() {
  return kCategories;
}
std::span<const std::string_view> ProductVariants() {
  return kVariants;
}

}  // namespace salesflow
