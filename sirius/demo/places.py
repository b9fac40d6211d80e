"""Real French communes for the demo data.

Each: name, postcode, INSEE code, département, région, latitude, longitude.
"""

from sirius.referentiel.enums import Region

CITIES = [
    ("Paris", "75011", "75111", "75", Region.ILE_DE_FRANCE, 48.8589, 2.3790),
    ("Saint-Denis", "93200", "93066", "93", Region.ILE_DE_FRANCE, 48.9362, 2.3574),
    ("Créteil", "94000", "94028", "94", Region.ILE_DE_FRANCE, 48.7904, 2.4556),
    ("Évry-Courcouronnes", "91000", "91228", "91", Region.ILE_DE_FRANCE, 48.6297, 2.4407),
    ("Lyon", "69007", "69387", "69", Region.AUVERGNE_RHONE_ALPES, 45.7450, 4.8420),
    ("Grenoble", "38000", "38185", "38", Region.AUVERGNE_RHONE_ALPES, 45.1885, 5.7245),
    ("Clermont-Ferrand", "63000", "63113", "63", Region.AUVERGNE_RHONE_ALPES, 45.7772, 3.0870),
    ("Marseille", "13003", "13203", "13", Region.PROVENCE_ALPES_COTE_D_AZUR, 43.3123, 5.3800),
    ("Nice", "06200", "06088", "06", Region.PROVENCE_ALPES_COTE_D_AZUR, 43.6850, 7.2190),
    ("Toulouse", "31200", "31555", "31", Region.OCCITANIE, 43.6232, 1.4530),
    ("Montpellier", "34000", "34172", "34", Region.OCCITANIE, 43.6108, 3.8767),
    ("Bordeaux", "33300", "33063", "33", Region.NOUVELLE_AQUITAINE, 44.8637, -0.5560),
    ("Limoges", "87000", "87085", "87", Region.NOUVELLE_AQUITAINE, 45.8336, 1.2611),
    ("Nantes", "44300", "44109", "44", Region.PAYS_DE_LA_LOIRE, 47.2430, -1.5290),
    ("Angers", "49000", "49007", "49", Region.PAYS_DE_LA_LOIRE, 47.4784, -0.5632),
    ("Rennes", "35000", "35238", "35", Region.BRETAGNE, 48.1173, -1.6778),
    ("Brest", "29200", "29019", "29", Region.BRETAGNE, 48.3904, -4.4861),
    ("Lille", "59000", "59350", "59", Region.HAUTS_DE_FRANCE, 50.6292, 3.0573),
    ("Amiens", "80000", "80021", "80", Region.HAUTS_DE_FRANCE, 49.8941, 2.2958),
    ("Strasbourg", "67200", "67482", "67", Region.GRAND_EST, 48.5839, 7.7455),
    ("Reims", "51100", "51454", "51", Region.GRAND_EST, 49.2583, 4.0317),
    ("Rouen", "76000", "76540", "76", Region.NORMANDIE, 49.4431, 1.0993),
    ("Caen", "14000", "14118", "14", Region.NORMANDIE, 49.1829, -0.3707),
    ("Dijon", "21000", "21231", "21", Region.BOURGOGNE_FRANCHE_COMTE, 47.3220, 5.0415),
    ("Tours", "37000", "37261", "37", Region.CENTRE_VAL_DE_LOIRE, 47.3941, 0.6848),
    ("Ajaccio", "20000", "2A004", "2A", Region.CORSE, 41.9192, 8.7386),
    ("Saint-Denis (La Réunion)", "97400", "97411", "974", Region.LA_REUNION, -20.8823, 55.4504),
]

STREETS = [
    "rue des Apprentis",
    "avenue Jean Jaurès",
    "boulevard de la République",
    "rue Victor Hugo",
    "rue de l'Artisanat",
    "allée des Métiers",
    "chemin du Campus",
    "rue Louis Pasteur",
]
