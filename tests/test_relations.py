"""Relation rules on real French sentences, through the real model and kg's pipeline.

Each positive case names one (subject label, predicate, object label) that the sentence states;
each negative case names a predicate that the sentence must NOT yield (negated, conditional,
questioned, future or past statements). The sentences are written for these tests and use
entities of kg/data/gazetteer.json, so a miss is a miss of the relation rules, not of NER.
Known misses are strict xfails whose reason says what the rules lack.
"""

from __future__ import annotations

import pytest

from kg.model import SYMMETRIC_PREDICATES

pytestmark = pytest.mark.slow


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


PASSIVE_PAR = ("the parser labels the passive agent 'par X' obl:mod (not obl:agent) after a "
               "form of 'racheter/absorber'; passive-acquired only reads obl:agent")

# (id, sentence, (subject label, predicate, object label))
POSITIVE = [
    # a possessive inside the description of a named organisation stands for that organisation
    ("possessive-in-apposed-description", "Cisco a racheté Splunk, un éditeur fondé en 2003 à San Francisco "
     "par trois ingénieurs, dont son directeur technique Erik Swan.", ("Erik Swan", "worksFor", "Splunk")),
    ("possessive-of-main-subject-kept", "Le groupe Orange a présenté mardi son directeur général Christel "
     "Heydemann aux analystes.", ("Christel Heydemann", "leads", "Orange")),
    # apposition and copular roles
    ("appos-pdg", "Tim Cook, le PDG d'Apple, a présenté les résultats trimestriels du groupe.",
     ("Tim Cook", "leads", "Apple")),
    ("appos-dg", "Satya Nadella, directeur général de Microsoft, a détaillé la stratégie du "
     "groupe dans le cloud.", ("Satya Nadella", "leads", "Microsoft")),
    ("cop-pdg", "Stéphane Richard est le PDG d'Orange.", ("Stéphane Richard", "leads", "Orange")),
    ("analyst-of-org-name", "Selon l'analyste de Gartner Carolina Milanesi, les ventes de "
     "tablettes vont ralentir.", ("Carolina Milanesi", "worksFor", "Gartner")),
    ("appos-spokesperson", "Jean Martin, porte-parole d'Orange, a confirmé l'incident mardi soir.",
     ("Jean Martin", "worksFor", "Orange")),
    ("appos-founder-after", "Xavier Niel, le fondateur d'Iliad, a présenté la nouvelle Freebox.",
     ("Iliad", "foundedBy", "Xavier Niel")),
    pytest.param(
        "appos-founder-before", "Le fondateur d'Iliad, Xavier Niel, a présenté la nouvelle Freebox.",
        ("Iliad", "foundedBy", "Xavier Niel")),
    # founder verbs
    ("passive-fondee", "La société Criteo a été fondée par Jean-Baptiste Rudelle en 2005.",
     ("Criteo", "foundedBy", "Jean-Baptiste Rudelle")),
    ("passive-cofondee", "Mistral AI a été cofondée par Arthur Mensch.",
     ("Mistral AI", "foundedBy", "Arthur Mensch")),
    ("active-fonder", "Jeff Bezos a fondé Amazon en 1994.", ("Amazon", "foundedBy", "Jeff Bezos")),
    ("participle-fondee", "BlaBlaCar, fondée par Frédéric Mazzella, revendique désormais cent "
     "millions de membres.", ("BlaBlaCar", "foundedBy", "Frédéric Mazzella")),
    # acquisitions: active, passive, nominal
    ("active-racheter", "Microsoft a racheté LinkedIn pour 26 milliards de dollars.",
     ("Microsoft", "acquired", "LinkedIn")),
    ("active-acquerir", "Google a acquis Motorola Mobility pour 12,5 milliards de dollars.",
     ("Google", "acquired", "Motorola Mobility")),
    ("active-s-offrir", "Capgemini s'offre Altran pour 3,6 milliards d'euros.",
     ("Capgemini", "acquired", "Altran")),
    pytest.param("passive-rachete", "Bull a été racheté par Atos en 2014.",
                 ("Atos", "acquired", "Bull")),
    pytest.param("passive-absorbe", "Alcatel-Lucent a été absorbé par Nokia.",
                 ("Nokia", "acquired", "Alcatel-Lucent"), marks=xfail(PASSIVE_PAR)),
    pytest.param(
        "participle-rachete", "LinkedIn, racheté par Microsoft en 2016, compte désormais 900 "
        "millions de membres.", ("Microsoft", "acquired", "LinkedIn")),
    ("nominal-rachat", "Le rachat de Bull par Atos a été finalisé à l'été 2014.",
     ("Atos", "acquired", "Bull")),
    ("nominal-acquisition", "L'acquisition de Mojang par Microsoft a surpris les joueurs de "
     "Minecraft.", ("Microsoft", "acquired", "Mojang")),
    pytest.param(
        "nominal-reprise-subject-of-passive", "La reprise de Motorola Mobility par Google a été "
        "validée par Bruxelles.", ("Google", "acquired", "Motorola Mobility"),
        marks=xfail("the parser attaches 'par Google' to the verb as a second nsubj:pass, not "
                    "as nmod of 'reprise'; noun-acquired only looks for 'par' nmods of the "
                    "trigger noun")),
    # madeBy: genitive, verb
    ("genitive-iphone", "L'iPhone d'Apple reste le smartphone le plus vendu aux États-Unis.",
     ("iPhone", "madeBy", "Apple")),
    ("genitive-android", "Android de Google équipe la majorité des smartphones vendus dans le "
     "monde.", ("Android", "madeBy", "Google")),
    ("genitive-after-noun", "Les smartphones Lumia de Nokia fonctionnent sous Windows Phone.",
     ("Lumia", "madeBy", "Nokia")),
    ("verb-lancer", "Google a lancé Android en 2008.", ("Android", "madeBy", "Google")),
    # runsOn: software → the device or platform it runs on
    ("sous-android", "Le Galaxy S4 fonctionne sous Android.", ("Android", "runsOn", "Galaxy S4")),
    ("sous-windows-phone", "Les smartphones Lumia fonctionnent sous Windows Phone.",
     ("Windows Phone", "runsOn", "Lumia")),
    ("sous-relative", "Le Galaxy S4, qui fonctionne sous Android, arrive en France.",
     ("Android", "runsOn", "Galaxy S4")),
    # competitors
    pytest.param(
        "face-a", "Apple perd des parts de marché face à Samsung en Chine.",
        ("Apple", "competitorOf", "Samsung Electronics")),
    pytest.param(
        "fait-face-a", "Apple fait face à Samsung sur le marché des smartphones.",
        ("Apple", "competitorOf", "Samsung Electronics"),
        marks=xfail("'faire face à X' is not a competitor trigger")),
    ("concurrent-de-cop", "Xiaomi est un concurrent direct d'Apple sur le marché chinois.",
     ("Xiaomi", "competitorOf", "Apple")),
    ("concurrent-de-appos", "Huawei, concurrent de Samsung, a vendu 240 millions de smartphones "
     "l'an dernier.", ("Huawei", "competitorOf", "Samsung Electronics")),
    ("principal-concurrent", "Samsung reste le principal concurrent d'Apple.",
     ("Samsung Electronics", "competitorOf", "Apple")),
    ("verb-affronter", "Apple affronte Samsung devant les tribunaux.",
     ("Apple", "competitorOf", "Samsung Electronics")),
    # partnerships
    ("partenariat-avec", "Orange a signé un partenariat avec Deezer pour ses abonnés mobiles.",
     ("Orange", "partnerOf", "Deezer")),
    ("noue-partenariat", "Nokia a noué un partenariat avec Microsoft pour ses smartphones.",
     ("Nokia", "partnerOf", "Microsoft")),
    ("coordinated-partners", "Orange et Deezer ont signé un partenariat.",
     ("Orange", "partnerOf", "Deezer")),
    # nationality: basedIn
    ("demonym-description", "Le constructeur sud-coréen Samsung a dévoilé un nouveau smartphone "
     "pliable.", ("Samsung Electronics", "basedIn", "Corée du Sud")),
    ("demonym-before-name", "Le chinois Lenovo a présenté une nouvelle gamme d'ordinateurs "
     "portables.", ("Lenovo", "basedIn", "Chine")),
    ("demonym-operator", "L'opérateur britannique Vodafone a enregistré une hausse de ses revenus.",
     ("Vodafone", "basedIn", "Royaume-Uni")),
    # coordination of arguments
    ("coord-marques-1", "Apple doit affronter les marques Samsung et Huawei sur le marché chinois.",
     ("Apple", "competitorOf", "Samsung Electronics")),
    ("coord-marques-2", "Apple doit affronter les marques Samsung et Huawei sur le marché chinois.",
     ("Apple", "competitorOf", "Huawei")),
    ("coord-demonym-1", "Les constructeurs chinois Huawei et Xiaomi gagnent du terrain en Europe.",
     ("Huawei", "basedIn", "Chine")),
    ("coord-demonym-2", "Les constructeurs chinois Huawei et Xiaomi gagnent du terrain en Europe.",
     ("Xiaomi", "basedIn", "Chine")),
    ("coord-runs-on-1", "Les smartphones Galaxy S4 et Xperia fonctionnent sous Android.",
     ("Android", "runsOn", "Galaxy S4")),
    ("coord-runs-on-2", "Les smartphones Galaxy S4 et Xperia fonctionnent sous Android.",
     ("Android", "runsOn", "Xperia")),
    ("coord-objects-1", "Microsoft a acquis LinkedIn et GitHub.", ("Microsoft", "acquired", "LinkedIn")),
    ("coord-objects-2", "Microsoft a acquis LinkedIn et GitHub.", ("Microsoft", "acquired", "GitHub")),
    ("coord-objects-verb-conj-1", "Microsoft a racheté Mojang et LinkedIn.",
     ("Microsoft", "acquired", "Mojang")),
    pytest.param(
        "coord-objects-verb-conj-2", "Microsoft a racheté Mojang et LinkedIn.",
        ("Microsoft", "acquired", "LinkedIn")),
    # subsidiaries
    ("appos-filiale", "Free Mobile, filiale d'Iliad, revendique 15 millions d'abonnés.",
     ("Free Mobile", "subsidiaryOf", "Iliad")),
    pytest.param(
        "cop-filiale", "Free Mobile est une filiale d'Iliad.", ("Free Mobile", "subsidiaryOf", "Iliad")),
    # coordinated roles closed by one organisation
    ("coordinated-roles-founder", "Jean-Baptiste Rudelle, cofondateur et directeur général de Criteo, "
     "a expliqué sa décision.", ("Criteo", "foundedBy", "Jean-Baptiste Rudelle")),
    ("coordinated-roles-leads", "Jean-Baptiste Rudelle, cofondateur et directeur général de Criteo, "
     "a expliqué sa décision.", ("Jean-Baptiste Rudelle", "leads", "Criteo")),
    # rivals when the parse leaves the clause without a subject
    ("face-a-topic", "Le système Symbian plafonne face à ses deux grands rivaux, Android de Google "
     "et iOS d'Apple.", ("Symbian", "competitorOf", "iOS")),
    ("possessive-subsidiary-split", "Altran a intégré sa filiale Aricent, dont il avait annoncé le "
     "rachat fin 2017.", ("Aricent", "subsidiaryOf", "Altran")),
    # divestiture: the buyer acquires
    ("divest-ceder", "Vivendi cède SFR à Altice pour 13,5 milliards d'euros.", ("Altice", "acquired", "SFR")),
    # surface appositions the parser leaves unattached
    ("surface-appos-parent", "Alphabet, la maison mère de Google, a publié ses résultats.",
     ("Google", "subsidiaryOf", "Alphabet")),
    ("surface-appos-product", "Windows Phone, le système d'exploitation mobile de Microsoft, progresse.",
     ("Windows Phone", "madeBy", "Microsoft")),
    # possessive rivals: the names listed after the noun rival the possessor
    ("possessive-rivals-list-1", "Bouygues Telecom a gagné des clients au détriment de ses "
     "concurrents Orange et SFR.", ("Bouygues Telecom", "competitorOf", "Orange")),
    ("possessive-rivals-list-2", "Bouygues Telecom a gagné des clients au détriment de ses "
     "concurrents Orange et SFR.", ("Bouygues Telecom", "competitorOf", "SFR")),
    ("possessive-rival-previous-subject", "Spotify a publié ses résultats mardi. Son principal "
     "concurrent, le français Deezer, a réagi dès le lendemain.", ("Spotify", "competitorOf", "Deezer")),
    # participles: every listed agent, an unresolved "le groupe", a participle opening the sentence
    ("fronted-participle-list-1", "Fondée en 2023 par Arthur Mensch, Guillaume Lample et Timothée "
     "Lacroix, Mistral AI lève 600 millions d'euros.", ("Mistral AI", "foundedBy", "Arthur Mensch")),
    ("fronted-participle-list-3", "Fondée en 2023 par Arthur Mensch, Guillaume Lample et Timothée "
     "Lacroix, Mistral AI lève 600 millions d'euros.", ("Mistral AI", "foundedBy", "Timothée Lacroix")),
    ("generic-group-participle", "Iliad a publié ses résultats jeudi. Le groupe fondé par Xavier "
     "Niel a gagné des abonnés.", ("Iliad", "foundedBy", "Xavier Niel")),
    # ownership and acquisitions the parser scatters
    ("appos-propriete", "GitHub, propriété de Microsoft depuis 2018, revendique 100 millions de "
     "développeurs.", ("GitHub", "subsidiaryOf", "Microsoft")),
    ("passive-controle", "Motorola Mobility est contrôlé par Lenovo depuis 2014.",
     ("Motorola Mobility", "subsidiaryOf", "Lenovo")),
    ("participle-after-comma", "Mojang, racheté en 2014 par l'américain Microsoft, développe Minecraft.",
     ("Microsoft", "acquired", "Mojang")),
    ("nominal-rachat-par-on-verb", "Les syndicats ont critiqué le rachat de Mojang par Microsoft.",
     ("Microsoft", "acquired", "Mojang")),
    ("s-emparer-de-purpose", "Microsoft a levé des fonds pour s'emparer de LinkedIn.",
     ("Microsoft", "acquired", "LinkedIn")),
    ("participle-cede-a", "Le fonds a vendu Skype, cédé à Microsoft en 2011.",
     ("Microsoft", "acquired", "Skype")),
    # runsOn: inflected lemma, apposed device phrases, equipped/integrated participles
    ("tourne-sous-lemma", "Le Galaxy S4 tourne sous Android.", ("Android", "runsOn", "Galaxy S4")),
    ("apposed-device-sous", "Sony a présenté le Xperia, un smartphone sous Android.",
     ("Android", "runsOn", "Xperia")),
    ("apposed-device-fonctionnant", "Sony a présenté le Xperia, un smartphone fonctionnant sous "
     "Android.", ("Android", "runsOn", "Xperia")),
    ("equipee-de", "La Watch 3 est équipée de HarmonyOS.", ("HarmonyOS", "runsOn", "Watch 3")),
    ("integre-a", "Microsoft Teams est intégré à Windows 11.", ("Microsoft Teams", "runsOn", "Windows 11")),
    # partnerships
    ("partenariat-entre", "Le partenariat entre Orange et Deezer a été prolongé.",
     ("Orange", "partnerOf", "Deezer")),
    ("possessive-partenariat-avec-on-verb", "Deezer a renouvelé son partenariat avec Orange.",
     ("Deezer", "partnerOf", "Orange")),
    ("s-associer-a", "Orange s'associe à Deezer pour lancer une offre musicale.",
     ("Orange", "partnerOf", "Deezer")),
    # roles: possessive roles, one executive among several, the head of a division, "chez"
    ("possessive-role", "Orange a publié ses comptes. Son directeur financier, Jean Martin, a "
     "détaillé les chiffres.", ("Jean Martin", "worksFor", "Orange")),
    ("possessive-role-leads", "Nokia a publié ses comptes. Rajeev Suri, son directeur général, a "
     "détaillé les chiffres.", ("Rajeev Suri", "leads", "Nokia")),
    ("indefinite-leader-works", "Jean Martin, un dirigeant de Google, a quitté le groupe.",
     ("Jean Martin", "worksFor", "Google")),
    ("division-head-works", "Phil Spencer, le patron de la division Xbox de Microsoft, a détaillé "
     "la stratégie.", ("Phil Spencer", "worksFor", "Microsoft")),
    ("role-charge-de", "Jean Martin, vice-président chargé du cloud de Google, a détaillé la "
     "stratégie.", ("Jean Martin", "worksFor", "Google")),
    ("analyst-chez", "Selon Jean Martin, analyste chez Gartner, le marché ralentit.",
     ("Jean Martin", "worksFor", "Gartner")),
    ("verb-travailler-chez", "Jean Martin travaille chez Gartner depuis dix ans.",
     ("Jean Martin", "worksFor", "Gartner")),
    ("face-a-list", "Xiaomi gagne des parts de marché face à Samsung, Apple et Huawei en Europe.",
     ("Xiaomi", "competitorOf", "Huawei")),
    ("participle-basee-a", "Motorola Mobility, basé à Chicago, emploie 20 000 personnes.",
     ("Motorola Mobility", "basedIn", "Chicago")),
    ("participle-cedes-a-nmod", "Nokia a présenté ses Lumia, cédés à Microsoft en 2014.",
     ("Microsoft", "acquired", "Lumia")),
    ("verb-object-sous", "Samsung vend ses smartphones Galaxy sous Android.",
     ("Android", "runsOn", "Samsung Galaxy")),
    # leading verbs in the present; a verb the tagger took for a name; bare objects
    ("verb-diriger-relative", "Jean Martin, qui préside Capgemini depuis 2020, a présenté la "
     "stratégie.", ("Jean Martin", "leads", "Capgemini")),
    ("verb-diriger-mistagged", "Christel Heydemann dirige Orange depuis 2022.",
     ("Christel Heydemann", "leads", "Orange")),
    ("verb-object-as-obl", "Altice a racheté SFR en 2014.", ("Altice", "acquired", "SFR")),
    ("verb-madeBy-xcomp-subject", "Sony a décidé de commercialiser la PlayStation 5 en novembre.",
     ("PlayStation 5", "madeBy", "Sony")),
    ("possessive-on-product", "MediaTek vient de lancer son Dimensity 9000.",
     ("Dimensity 9000", "madeBy", "MediaTek")),
    ("fronted-participle-basedIn", "Installé à San Diego, Qualcomm fournit des puces à la plupart "
     "des fabricants.", ("Qualcomm", "basedIn", "San Diego")),
    ("description-participle-leads", "Orange a publié ses résultats jeudi. L'opérateur, dirigé par "
     "Stéphane Richard, a gagné des abonnés.", ("Stéphane Richard", "leads", "Orange")),
    # control idioms, possessive parents, demonyms before a bought name, relative rivals
    ("take-control", "Microsoft a pris le contrôle de Mojang après des mois de discussions.",
     ("Microsoft", "acquired", "Mojang")),
    ("take-control-xcomp", "Vivendi est parvenu à prendre le contrôle de Gameloft l'an dernier.",
     ("Vivendi", "acquired", "Gameloft")),
    ("fall-under-giron", "LinkedIn, passé sous le giron de Microsoft, garde sa marque.",
     ("Microsoft", "acquired", "LinkedIn")),
    ("fall-into-escarcelle", "Mojang, tombé dans l'escarcelle de Microsoft, développe toujours "
     "Minecraft.", ("Microsoft", "acquired", "Mojang")),
    ("possessive-parent-named", "SFR a perdu des abonnés. Sa maison mère Altice a réagi mardi.",
     ("SFR", "subsidiaryOf", "Altice")),
    ("nominal-rachat-demonym", "Capgemini a annoncé le rachat du français Altran pour 3,6 milliards "
     "d'euros.", ("Capgemini", "acquired", "Altran")),
    ("relative-rattraper-1", "Atos, qui peine à rattraper Capgemini et Sopra Steria, a perdu des "
     "clients.", ("Atos", "competitorOf", "Capgemini")),
    ("relative-rattraper-2", "Atos, qui peine à rattraper Capgemini et Sopra Steria, a perdu des "
     "clients.", ("Atos", "competitorOf", "Sopra Steria")),
    ("s-allier-a", "Orange s'allie à Deezer pour lancer une offre musicale.", ("Orange", "partnerOf", "Deezer")),
    ("partenariat-pluriannuel", "Orange a noué un partenariat stratégique de plusieurs années avec "
     "Deezer.", ("Orange", "partnerOf", "Deezer")),
    # rivalry obliques, split roots, descriptions and demonyms before a name (fresh-article classes)
    ("rivaliser-avec-list", "Xiaomi rivalise désormais avec Samsung et Apple sur le haut de gamme.",
     ("Xiaomi", "competitorOf", "Apple")),
    ("fronted-rivaliser-avec", "Pour mieux rivaliser avec Apple, Xiaomi baisse ses prix.",
     ("Xiaomi", "competitorOf", "Apple")),
    ("se-mesurer-a", "Deezer se mesure à Spotify sur le marché du streaming.",
     ("Deezer", "competitorOf", "Spotify")),
    ("allies-coordinated-1", "Orange et Capgemini se sont alliés à Microsoft dans le cloud.",
     ("Capgemini", "partnerOf", "Microsoft")),
    ("allies-coordinated-2", "Orange et Capgemini se sont alliés à Microsoft dans le cloud.",
     ("Orange", "partnerOf", "Capgemini")),
    ("propriete-described-owner", "Sprint, propriété du conglomérat japonais SoftBank, perd des clients.",
     ("Sprint", "subsidiaryOf", "SoftBank Group")),
    ("maison-mere-described-child", "Iliad, la maison mère de l'opérateur Free, publie ses comptes.",
     ("Free", "subsidiaryOf", "Iliad")),
    ("gerund-demonym-object", "Nokia s'est renforcé en rachetant le français Alcatel-Lucent.",
     ("Nokia", "acquired", "Alcatel-Lucent")),
    ("relative-object-untagged", "Le japonais SoftBank, qui avait racheté Arm en 2016, prépare sa cotation.",
     ("SoftBank Group", "acquired", "Arm")),
    ("concurrence-avec-demonyms", "Nokia est en concurrence directe avec le suédois Ericsson et le "
     "chinois Huawei.", ("Nokia", "competitorOf", "Huawei")),
    ("appos-adjective-rival", "Spotify, l'éternel rival de Deezer, a relevé ses prix.",
     ("Spotify", "competitorOf", "Deezer")),
    ("cede-a-demonym-object", "SoftBank a cédé le finlandais Supercell, l'éditeur de Clash of Clans, "
     "à Tencent.", ("Tencent", "acquired", "Supercell")),
    ("participle-on-apposed-noun", "Mojang, un studio racheté par Microsoft en 2014, développe "
     "toujours Minecraft.", ("Microsoft", "acquired", "Mojang")),
    ("support-verb-boucler", "Microsoft a bouclé l'acquisition du studio suédois Mojang.",
     ("Microsoft", "acquired", "Mojang")),
    ("support-participle-split-root", "Thales revendique une forte présence dans la cybersécurité, "
     "renforcée en 2019 par le rachat du néerlandais Gemalto.", ("Thales", "acquired", "Gemalto")),
    ("relative-que-as-ccomp", "Microsoft a relancé LinkedIn, qu'il avait racheté en 2016.",
     ("Microsoft", "acquired", "LinkedIn")),
    ("face-aux-described-rivals", "OVHcloud se pose en rival face aux géants américains Amazon Web "
     "Services, Microsoft et Google.", ("OVHcloud", "competitorOf", "Google")),
    ("apposed-role-under-future-verb", "Le nouveau directeur rendra compte à Christel Heydemann, la "
     "directrice générale d'Orange.", ("Christel Heydemann", "leads", "Orange")),
    ("first-of-two-apposed-roles", "Tim Cook, le PDG d'Apple, et Sundar Pichai, son homologue chez "
     "Google, ont été reçus à Bercy.", ("Tim Cook", "leads", "Apple")),
    ("devenir-filiale", "Après son rachat, Mojang devient une filiale de Microsoft.",
     ("Mojang", "subsidiaryOf", "Microsoft")),
    ("copula-maison-mere", "Alphabet est la maison mère de Google.", ("Google", "subsidiaryOf", "Alphabet")),
    ("ce-dernier-after-parent", "SoftBank est la maison mère de l'opérateur Sprint. Le japonais SoftBank "
     "avait pris le contrôle de ce dernier en 2013.", ("SoftBank Group", "acquired", "Sprint")),
    ("possessive-rival-subject-of-negated-verb", "Fondé en 1990, ARM vend des licences. Son grand rival "
     "Intel n'a jamais réussi à s'imposer dans les téléphones.", ("Arm", "competitorOf", "Intel")),
    ("relative-qui-split-root", "Thales, qui emploie quelque 80 000 personnes dans le monde, revendique "
     "déjà une forte présence dans la cybersécurité, renforcée en 2019 par le rachat du néerlandais "
     "Gemalto, spécialiste des cartes SIM.", ("Thales", "acquired", "Gemalto")),
    ("fronted-partenaire", "Partenaire de longue date de Sigfox, UnaBiz exploite son réseau à Singapour.",
     ("UnaBiz", "partnerOf", "Sigfox")),
    ("fronted-rival", "Grand rival de Deezer, Spotify a relevé ses prix.", ("Spotify", "competitorOf", "Deezer")),
    ("fronted-filiale", "Filiale de Vivendi, Canal+ perd des abonnés.", ("Canal+", "subsidiaryOf", "Vivendi")),
    ("accord-avec-under-xcomp", "Sony a fini par signer en juillet un accord avec Microsoft.",
     ("Sony", "partnerOf", "Microsoft")),
    ("possessive-partner-nominal-subject", "Le décollage de Deezer est venu de son partenariat avec "
     "Orange, conclu en 2010.", ("Deezer", "partnerOf", "Orange")),
    ("possessive-subsidiary-under-intent", "SAP envisage de vendre sa filiale américaine Qualtrics.",
     ("Qualtrics", "subsidiaryOf", "SAP")),
    ("paid-for", "Microsoft a payé 7,5 milliards de dollars pour GitHub en 2018.",
     ("Microsoft", "acquired", "GitHub")),
    # "ce dernier" as its own clause's subject (resolving it once recursed without end).
    ("ce-dernier-subject", "Apple a présenté un iPhone. Ce dernier a racheté Shazam en 2018.",
     ("Apple", "acquired", "Shazam")),
    ("cette-derniere-copula-subject", "Orange a signé avec Free. Cette dernière est une filiale d'Iliad.",
     ("Free", "subsidiaryOf", "Iliad")),
    # leadership told by "à la tête de", coordinated roles, an imperfect with "depuis"
    ("head-of-apposed", "Christel Heydemann, à la tête d'Orange depuis 2022, a présenté son plan "
     "stratégique.", ("Christel Heydemann", "leads", "Orange")),
    ("take-the-head", "Christel Heydemann a pris en 2022 la tête d'Orange.",
     ("Christel Heydemann", "leads", "Orange")),
    ("cofounder-and-ceo-possessive", "Criteo a publié ses comptes. Jean-Baptiste Rudelle, son "
     "cofondateur et PDG, reste prudent.", ("Jean-Baptiste Rudelle", "leads", "Criteo")),
    ("cofounder-adj-and-president", "Xavier Niel, cofondateur et président d'Iliad, a présenté la "
     "nouvelle box.", ("Iliad", "foundedBy", "Xavier Niel")),
    ("imperfect-since-leads", "Stéphane Richard, qui dirigeait Orange depuis 2011, a quitté ses "
     "fonctions.", ("Stéphane Richard", "leads", "Orange")),
    # sentence-opening participles the tagger takes for nouns
    ("fronted-cofounded-list", "Cofondée en 2005 par Jean-Baptiste Rudelle et Romain Niccoli, "
     "Criteo emploie 2 700 personnes.", ("Criteo", "foundedBy", "Romain Niccoli")),
    ("fronted-controlled-by", "Contrôlé par Vivendi, Canal+ a présenté ses résultats.",
     ("Canal+", "subsidiaryOf", "Vivendi")),
    # partnership and rivalry idioms
    ("possessive-partner-noun", "OpenAI et son partenaire Microsoft ont présenté un nouveau modèle.",
     ("OpenAI", "partnerOf", "Microsoft")),
    ("agreement-binds", "Un partenariat lie Orange à Google depuis 2020.",
     ("Orange", "partnerOf", "Google")),
    ("hand-in-hand", "Qualcomm et Microsoft travaillent main dans la main depuis des années.",
     ("Qualcomm", "partnerOf", "Microsoft")),
    ("works-with-org", "Stellantis travaille depuis l'an dernier avec le taïwanais Foxconn.",
     ("Stellantis", "partnerOf", "Foxconn")),
    ("between-the-two-firms", "Le logiciel de VMware tourne aussi chez Microsoft en vertu d'un accord "
     "signé entre les deux sociétés en 2019.", ("VMware", "partnerOf", "Microsoft")),
    ("dispute-market-to", "Red Hat dispute le marché de la virtualisation à VMware.",
     ("Red Hat", "competitorOf", "VMware")),
    ("have-for-rival", "Deezer a pour principal concurrent Spotify.", ("Deezer", "competitorOf", "Spotify")),
    ("have-for-parent", "Free a pour maison mère Iliad.", ("Free", "subsidiaryOf", "Iliad")),
    # a deal told with its price or year but no buyer: the article's main organisation
    ("implicit-buyer-price", "Microsoft a publié ses résultats. Sa plus grosse acquisition reste celle "
     "de LinkedIn, racheté pour 26 milliards de dollars en 2016.", ("Microsoft", "acquired", "LinkedIn")),
    ("available-on", "Fortnite est disponible sur la PlayStation 5.", ("Fortnite", "runsOn", "PlayStation 5")),
    ("bare-company-role", "Worldline a chuté en Bourse. Gilles Grapinet, le directeur général, a reconnu "
     "des erreurs.", ("Gilles Grapinet", "leads", "Worldline")),
    ("bare-company-role-before", "Nokia supprime des postes. Le directeur financier, Marco Wirén, a détaillé "
     "le plan.", ("Marco Wirén", "worksFor", "Nokia")),
    ("relative-object-deal", "Les activités seront rapprochées d'AOL, que Verizon avait acquis en 2015.",
     ("Verizon", "acquired", "AOL")),
    ("relative-object-after-description", "Google cite Mandiant, une société de sécurité qu'Alphabet avait "
     "absorbée en 2022.", ("Alphabet", "acquired", "Mandiant")),
    ("possessive-subsidiaries-list", "Nokia supprime des postes dans ses deux filiales françaises, "
     "Alcatel-Lucent International et Nokia Solutions and Networks.",
     ("Nokia Solutions and Networks", "subsidiaryOf", "Nokia")),
    ("description-apposition-owner", "Arm a publié ses comptes. Le concepteur britannique de puces, propriété "
     "de SoftBank, a signé un accord.", ("Arm", "subsidiaryOf", "SoftBank Group")),
    ("based-description-after-name", "Broadcom a racheté VMware, l'éditeur de logiciels de virtualisation "
     "basé à Palo Alto.", ("VMware", "basedIn", "Palo Alto")),
    ("founded-in-city", "Fondé en 2007 à Paris, Deezer compte dix millions d'abonnés.", ("Deezer", "basedIn", "Paris")),
    ("established-in", "Trezor est la marque de SatoshiLabs, établi à Prague.", ("SatoshiLabs", "basedIn", "Prague")),
    ("implicit-deal-noun", "Broadcom a publié ses résultats. Le groupe est devenu un poids lourd des logiciels "
     "avec le rachat de CA Technologies en 2018.", ("Broadcom", "acquired", "CA Technologies")),
    ("object-control-rival", "Le rapprochement doit permettre à Microsoft de mieux rivaliser avec Amazon et Google.",
     ("Microsoft", "competitorOf", "Google")),
]

# (id, sentence, predicate that must not be extracted, entities that must be recognised)
NEGATIVE = [
    ("negated", "Apple n'a pas racheté Netflix.", "acquired", {"Apple", "Netflix"}),
    ("negated-divest", "Vivendi ne cédera pas SFR à Altice.", "acquired", {"Vivendi", "SFR", "Altice"}),
    ("negated-jamais", "Apple n'a jamais racheté Tesla.", "acquired", {"Apple", "Tesla"}),
    ("negated-future", "Microsoft ne rachètera pas Nokia.", "acquired", {"Microsoft", "Nokia"}),
    ("conditional-pourrait", "Google pourrait racheter Netflix dans les prochains mois.",
     "acquired", {"Google", "Netflix"}),
    ("conditional-racheterait", "Microsoft rachèterait Nokia pour 5 milliards d'euros.",
     "acquired", {"Microsoft", "Nokia"}),
    ("conditional-past-rumour", "Selon la presse américaine, Apple aurait racheté Netflix.",
     "acquired", {"Apple", "Netflix"}),
    ("intent-envisage", "Google envisage de racheter Netflix.", "acquired", {"Google", "Netflix"}),
    ("passive-conditional", "Nokia pourrait être racheté par Microsoft.", "acquired",
     {"Microsoft", "Nokia"}),
    ("question-inversion", "Apple va-t-il racheter Tesla ?", "acquired", {"Apple", "Tesla"}),
    ("question-est-ce-que", "Est-ce que Microsoft va racheter Nokia ?", "acquired",
     {"Microsoft", "Nokia"}),
    ("question-future", "Apple rachètera-t-il Netflix ?", "acquired", {"Apple", "Netflix"}),
    pytest.param(
        "negated-copula-nominal", "Le rachat de Netflix par Apple n'est pas à l'ordre du jour.",
        "acquired", {"Apple", "Netflix"}),
    pytest.param(
        "future-role-devenir", "Rajeev Suri deviendra le PDG de Nokia en mai.", "leads",
        {"Rajeev Suri", "Nokia"}),
    ("future-role-futur", "Le futur patron de Nokia, Rajeev Suri, prendra ses fonctions en mai.",
     "leads", {"Rajeev Suri", "Nokia"}),
    ("future-role-tete", "Rajeev Suri prendra la tête de Nokia en mai.", "leads",
     {"Rajeev Suri", "Nokia"}),
    ("past-role-ancien", "L'ancien PDG de Nokia, Stephen Elop, a rejoint Microsoft.", "leads",
     {"Stephen Elop", "Nokia"}),
    ("negated-partnership", "Orange n'a pas signé de partenariat avec Deezer.", "partnerOf",
     {"Orange", "Deezer"}),
    ("negated-partnership-noue", "Microsoft n'a pas noué de partenariat avec Nokia.", "partnerOf",
     {"Microsoft", "Nokia"}),
    ("conditional-competitor", "Xiaomi pourrait bientôt concurrencer Apple en Europe.",
     "competitorOf", {"Xiaomi", "Apple"}),
    ("renounced-acquisition", "Nvidia a renoncé à racheter Arm.", "acquired", {"Nvidia", "Arm"}),
    ("negated-control", "Motorola Mobility n'est plus contrôlé par Lenovo.", "subsidiaryOf",
     {"Motorola Mobility", "Lenovo"}),
    ("negated-participle-leads", "Iliad a publié ses résultats jeudi. Le groupe ne sera pas dirigé "
     "par Xavier Niel.", "leads", {"Iliad", "Xavier Niel"}),
    ("negated-runs-on", "Le Galaxy S4 ne tourne pas sous Windows Phone.", "runsOn",
     {"Galaxy S4", "Windows Phone"}),
    ("negated-relative-runs-on", "Le Xperia, un smartphone qui ne fonctionne pas sous Android, "
     "arrive en France.", "runsOn", {"Xperia", "Android"}),
    ("negated-associe", "Orange ne s'associe pas à Deezer.", "partnerOf", {"Orange", "Deezer"}),
    ("negated-aucun-accord", "Orange, SFR et Bouygues Telecom n'ont conclu aucun accord avec "
     "Netflix.", "partnerOf", {"Orange", "SFR", "Bouygues Telecom", "Netflix"}),
    ("negated-travailler", "Jean Martin ne travaille plus chez Gartner.", "worksFor",
     {"Jean Martin", "Gartner"}),
    ("conditional-rejoindre", "Jean Martin pourrait rejoindre Google.", "worksFor",
     {"Jean Martin", "Google"}),
    ("division-head-not-leads", "Phil Spencer, le patron de la division Xbox de Microsoft, a "
     "détaillé la stratégie.", "leads", {"Phil Spencer", "Microsoft"}),
    ("past-verb-leads", "Stephen Elop, qui dirigeait Nokia jusqu'en 2013, a rejoint Microsoft.",
     "leads", {"Stephen Elop", "Nokia"}),
    ("past-compound-verb-leads", "Stéphane Richard a dirigé Orange pendant dix ans.", "leads",
     {"Stéphane Richard", "Orange"}),
    ("regulator-not-maker", "L'Autorité de la concurrence a examiné le système Android.",
     "madeBy", {"Autorité de la concurrence", "Android"}),
    ("negated-take-control", "Microsoft n'a pas pris le contrôle de Mojang.", "acquired",
     {"Microsoft", "Mojang"}),
    ("failed-take-control", "Vivendi a renoncé à prendre le contrôle de Ubisoft.", "acquired",
     {"Vivendi", "Ubisoft"}),
    ("conditional-giron", "Mojang pourrait passer sous le giron de Microsoft.", "acquired",
     {"Mojang", "Microsoft"}),
    ("control-of-market-not-company", "Microsoft a pris le contrôle du marché des consoles.",
     "acquired", {"Microsoft"}),
    ("possessive-parent-unnamed", "SFR a perdu des abonnés. Sa maison mère n'a pas réagi, "
     "Orange non plus.", "subsidiaryOf", {"SFR", "Orange"}),
    ("negated-possessive-rivals", "Orange ne cite jamais ses concurrents SFR et Free.",
     "competitorOf", {"Orange", "SFR", "Free"}),
    ("conditional-rivaliser", "Xiaomi pourrait rivaliser avec Apple d'ici deux ans.", "competitorOf",
     {"Xiaomi", "Apple"}),
    ("negated-se-mesurer", "Deezer ne se mesure pas à Spotify.", "competitorOf", {"Deezer", "Spotify"}),
    ("mesurer-not-reflexive", "Orange mesure la satisfaction des clients de SFR.", "competitorOf",
     {"Orange", "SFR"}),
    ("attaquer-not-reflexive", "Apple attaque Samsung en justice.", "competitorOf", {"Apple"}),
    ("negated-coordinated-allies", "Orange et SFR ne se sont pas alliés à Free.", "partnerOf",
     {"Orange", "SFR", "Free"}),
    ("failed-bid-demonym", "Qualcomm a renoncé à racheter le néerlandais NXP.", "acquired",
     {"Qualcomm"}),
    ("regulator-validates-deal", "La Commission européenne a validé le rachat de Gemalto.", "acquired",
     {"Commission européenne", "Gemalto"}),
    ("failed-support-verb", "Atos a renoncé à finaliser le rachat de Bull.", "acquired", {"Atos", "Bull"}),
    ("offer-is-no-acquisition", "Broadcom a lancé une offre de rachat sur Qualcomm.", "acquired",
     {"Broadcom", "Qualcomm"}),
    ("criticised-deal", "Orange a critiqué le rachat de SFR.", "acquired", {"Orange", "SFR"}),
    ("negated-devenir-filiale", "Mojang ne deviendra pas une filiale de Microsoft.", "subsidiaryOf",
     {"Mojang", "Microsoft"}),
    ("fronted-former-partner", "Ancien partenaire de Nokia, Microsoft a racheté sa division mobile.",
     "partnerOf", {"Microsoft", "Nokia"}),
    ("paid-to-not-for", "Google paie chaque année des milliards de dollars à Apple pour rester le moteur "
     "par défaut.", "acquired", {"Google", "Apple"}),
    ("negated-paid-for", "Microsoft n'a pas payé 7,5 milliards de dollars pour GitHub.", "acquired",
     {"Microsoft", "GitHub"}),
    ("former-head-imperfect", "Thierry Breton était à la tête d'Atos.", "leads", {"Thierry Breton", "Atos"}),
    ("conditional-take-head", "Christel Heydemann pourrait prendre la tête d'Orange.", "leads",
     {"Christel Heydemann", "Orange"}),
    ("negated-dispute", "Free ne dispute pas la place de numéro un à Orange.", "competitorOf",
     {"Free", "Orange"}),
    ("conditional-dispute", "Free pourrait disputer la place de numéro un à Orange.", "competitorOf",
     {"Free", "Orange"}),
    ("negated-hand-in-hand", "Qualcomm et Microsoft ne travaillent pas ensemble.", "partnerOf",
     {"Qualcomm", "Microsoft"}),
    ("question-have-for-rival", "Deezer a-t-il pour concurrent Spotify ?", "competitorOf", {"Deezer", "Spotify"}),
    ("envisaged-partnership", "Orange envisagerait un partenariat avec Google.", "partnerOf", {"Orange", "Google"}),
    ("envisaged-buy", "Microsoft envisagerait de racheter Mojang.", "acquired", {"Microsoft", "Mojang"}),
    ("implicit-buyer-not-complement", "Microsoft a publié ses résultats. Quant à la division mobile de "
     "Nokia, acquise en 2013 pour 5,4 milliards d'euros, elle a été dépréciée.", "acquired",
     {"Microsoft", "Nokia"}),
    ("negated-available", "Fortnite ne sera pas disponible sur iOS.", "runsOn", {"Fortnite", "iOS"}),
    ("head-of-state-title", "Orange a présenté ses résultats. Le président Emmanuel Macron a salué le plan.",
     "leads", {"Orange", "Emmanuel Macron"}),
    ("negated-relative-deal", "Google cite Mandiant, une société qu'Alphabet n'a jamais rachetée.", "acquired",
     {"Alphabet", "Mandiant"}),
    ("conditional-relative-deal", "Google cite Mandiant, qu'Alphabet pourrait racheter.", "acquired",
     {"Alphabet", "Mandiant"}),
    ("possible-deal-noun", "Nokia supprime des postes. Un éventuel rachat d'Alcatel-Lucent en 2016 a été évoqué.",
     "acquired", {"Nokia", "Alcatel-Lucent"}),
    ("deal-plan-noun", "Nokia supprime des postes. Le projet de rachat d'Alcatel-Lucent en 2016 a échoué.",
     "acquired", {"Nokia", "Alcatel-Lucent"}),
]


def _ids(cases):
    return [c.values[0] if hasattr(c, "values") else c[0] for c in cases]


def labelled(extraction) -> set[tuple[str, str, str]]:
    """The extraction's relations as (subject label, predicate, object label)."""
    label = {e.key: e.label for e in extraction.entities}
    return {(label[r.subject], r.predicate, label[r.object]) for r in extraction.relations}


def rules_of(extraction, triple) -> set[str]:
    label = {e.key: e.label for e in extraction.entities}
    return {r.rule for r in extraction.relations
            if (label[r.subject], r.predicate, label[r.object]) == triple}


@pytest.mark.parametrize("case_id, text, expected", POSITIVE, ids=_ids(POSITIVE))
def test_relation_is_extracted(analyse, case_id, text, expected):
    x = analyse(text)
    found = labelled(x)
    subject, predicate, obj = expected
    accepted = {expected}
    if predicate in SYMMETRIC_PREDICATES:
        accepted.add((obj, predicate, subject))
    assert accepted & found, f"{expected} not in {sorted(found)}"
    if predicate == "madeBy":
        # The gazetteer knows every maker here; the sentence's own rule must find it too.
        assert rules_of(x, expected) - {"gazetteer-maker"}, rules_of(x, expected)


@pytest.mark.parametrize("case_id, text, predicate, names", NEGATIVE, ids=_ids(NEGATIVE))
def test_nothing_is_extracted(analyse, case_id, text, predicate, names):
    x = analyse(text)
    # Both participants are recognised, so an empty result is the rules' doing, not NER's.
    assert names <= {e.label for e in x.entities}
    assert [t for t in labelled(x) if t[1] == predicate] == []


def test_every_relation_carries_its_sentence_offsets(analyse):
    text = ("Tim Cook, le PDG d'Apple, a présenté les résultats du groupe.\n\n"
            "Le rachat de Bull par Atos a été finalisé à l'été 2014.")
    x = analyse(text)
    assert len(x.relations) >= 2
    for r in x.relations:
        assert text[r.start:r.end] == r.sentence
        assert 0.0 < r.confidence <= 1.0 and r.rule


# (id, sentence, triple that must NOT be extracted although other relations may be)
WRONG = [
    ("rival-list-not-subject", "Atos, qui peine à rattraper Capgemini et Sopra Steria, a perdu des "
     "clients.", ("Sopra Steria", "competitorOf", "Capgemini")),
    ("rival-not-in-relative", "Atos affronte Capgemini, qui a racheté Altran en 2019.",
     ("Atos", "competitorOf", "Altran")),
    ("possessor-of-qualified-org", "La Commission européenne a infligé une amende à Google, accusé "
     "d'avoir abusé de la position de son système Android.",
     ("Android", "madeBy", "Commission européenne")),
    ("regulator-subject-not-maker", "La Commission européenne a examiné son système Android.",
     ("Android", "madeBy", "Commission européenne")),
    ("apposition-not-a-sold-object", "SoftBank a cédé le finlandais Supercell, l'éditeur de Clash of "
     "Clans, à Tencent.", ("Tencent", "acquired", "Clash of Clans")),
    ("second-apposed-role-not-first-org", "Tim Cook, le PDG d'Apple, et Sundar Pichai, son homologue "
     "chez Google, ont été reçus à Bercy.", ("Sundar Pichai", "leads", "Apple")),
    ("possessive-partner-is-the-conjunct", "Le New York Times a assigné OpenAI et son partenaire "
     "Microsoft.", ("New York Times", "partnerOf", "Microsoft")),
    ("deputy-is-no-head", "Nokia supprime des postes. Jean Martin, le directeur général adjoint, a détaillé "
     "le plan.", ("Jean Martin", "leads", "Nokia")),
    ("relative-deal-not-a-complement", "Le groupe prépare des puces conçues par Nuvia, la start-up de Gerard "
     "Williams, un ancien ingénieur d'Apple, que Qualcomm a rachetée en mars.", ("Qualcomm", "acquired", "Apple")),
    ("based-not-the-buyer", "Broadcom a racheté VMware, l'éditeur de logiciels de virtualisation basé à "
     "Palo Alto.", ("Broadcom", "basedIn", "Palo Alto")),
    ("possessive-in-a-description-of-the-object", "Cisco a racheté Splunk, un éditeur fondé en 2003 "
     "à San Francisco par trois ingénieurs, dont son directeur technique Erik Swan.", ("Erik Swan", "worksFor", "Cisco")),
    ("two-firms-not-across-sentences", "Google avait racheté Motorola Mobility en 2012. Les deux groupes "
     "ont signé un accord de licence.", ("Google", "partnerOf", "Motorola Mobility")),
]


@pytest.mark.parametrize("case_id, text, triple", WRONG, ids=_ids(WRONG))
def test_wrong_triple_is_not_extracted(analyse, case_id, text, triple):
    x = analyse(text)
    assert {triple[0], triple[2]} <= {e.label for e in x.entities}
    assert triple not in labelled(x)
