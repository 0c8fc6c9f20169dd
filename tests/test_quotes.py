"""Quotations and their speakers on real French sentences, through the real model and kg's
pipeline.

Each positive case names the speaker (an entity label) and the first words of the quotation
the text must yield, and, where the text says so, the outlet it was given to. Negative cases
must yield no quotation at all: a quotation nobody is said to have spoken, a newspaper title in
quotation marks. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from kg.extract.quotes import quotations

pytestmark = pytest.mark.slow

# (id, text, speaker label, first words, outlet label or None)
POSITIVE = [
    ("after-org-name-communique",
     "Le fabricant coréen Samsung a présenté mardi sa nouvelle tablette. « Nous voulons "
     "conquérir le marché européen d'ici deux ans », a réagi Samsung dans un communiqué.",
     "Samsung Electronics", "Nous voulons conquérir", None),
    ("after-generic-description",
     "Orange a publié ses résultats trimestriels jeudi. « La croissance revient enfin dans nos "
     "activités fixes », a énoncé l'entreprise.",
     "Orange", "La croissance revient", None),
    ("before-selon-pronoun",
     "Stéphane Richard, le PDG d'Orange, était interrogé sur la fibre. Selon lui, « le "
     "déploiement sera terminé avant la fin de la décennie ».",
     "Stéphane Richard", "le déploiement sera terminé", None),
    ("after-pronoun-with-agency",
     "Tim Cook, le patron d'Apple, est revenu sur les ventes. « Nous avons vendu plus "
     "d'appareils que jamais », a-t-il déclaré à Reuters.",
     "Tim Cook", "Nous avons vendu", "Reuters"),
    ("after-inverted-present",
     "« Le marché des tablettes arrive à maturité », estime Thomas Husson, analyste chez "
     "Forrester.",
     "Thomas Husson", "Le marché des tablettes", None),
    ("before-pour",
     "Pour Xavier Niel, « la concurrence a fait baisser les prix de moitié dans le mobile ».",
     "Xavier Niel", "la concurrence a fait", None),
    ("before-relative-clause-colon",
     "Sundar Pichai, qui dirige Google depuis 2015, a déclaré : « Nous investirons davantage "
     "dans l'intelligence artificielle cette année ».",
     "Sundar Pichai", "Nous investirons davantage", None),
    ("straight-quotes",
     'Le directeur financier de Nokia, Timo Ihamuotila, a précisé: "Les économies prévues '
     "seront atteintes dès la fin de l'année\".",
     "Timo Ihamuotila", "Les économies prévues", None),
    ("before-role-noun-with-apposed-name",
     "Thomas Reynaud dirige Iliad depuis 2020. Le fondateur du groupe, Xavier Niel, a estimé "
     "que l'accord permettrait à Iliad « de gagner des parts de marché en Italie ».",
     "Xavier Niel", "de gagner des parts", None),
    ("after-agency-before-subject",
     "Les ventes d'ordinateurs ont reculé de 8 % au troisième trimestre. « Le marché ne "
     "repartira pas avant l'an prochain », a déclaré à l'AFP l'analyste de Gartner Mikako "
     "Kitagawa, qui suit le secteur depuis quinze ans.",
     "Mikako Kitagawa", "Le marché ne repartira", "AFP"),
    ("after-role-noun-paragraph-subject",
     "Sébastien Bazin a dévoilé jeudi le plan du groupe devant les investisseurs, aux côtés "
     "de Jean-Paul Agon.\n\n« Nous allons accélérer sur le numérique », a ajouté le dirigeant.",
     "Sébastien Bazin", "Nous allons accélérer", None),
    ("after-named-spokesperson-is-that-person",
     "Google a contesté la décision. « Nous allons faire appel de cette décision devant la "
     "justice », a indiqué un porte-parole du groupe, Jean Dupont.",
     "Jean Dupont", "Nous allons faire appel", None),
    ("after-ce-dernier",
     "Le conseil a nommé Jean Durand à la tête de la filiale. « C'est une belle responsabilité "
     "pour moi », a déclaré ce dernier.",
     "Jean Durand", "C'est une belle responsabilité", None),
    ("split-around-incise",
     "Marissa Mayer a dirigé Yahoo pendant cinq ans. « Nous avons beaucoup appris de cet "
     "échec », a-t-elle ajouté, « et nous ne referons pas les mêmes erreurs ».",
     "Marissa Mayer", "Nous avons beaucoup appris", None),
    ("nested-quotes",
     "Jeff Bezos a répondu aux critiques. « Quand on me dit que « le client n'a pas toujours "
     "raison », je réponds que nous écoutons chacun d'eux », a-t-il expliqué.",
     "Jeff Bezos", "Quand on me dit que « le client", None),
    ("one-word-under-a-speech-verb",
     "Le coût du rappel n'a pas été chiffré. Tim Cook a seulement assuré que la facture serait "
     "« lourde » pour le groupe.",
     "Tim Cook", "lourde", None),
    ("pronoun-incise-after-subject-with-class-noun",
     "Le constructeur chinois Lenovo a publié ses comptes mardi. Vodafone, qui distribue ses "
     "téléphones, n'a pas réagi. Un porte-parole de l'opérateur juge toutefois les chiffres "
     "« solides et encourageants pour la suite », a-t-il déclaré à l'AFP.",
     "Vodafone", "solides et encourageants", "AFP"),
    ("class-noun-from-gazetteer-nickname",
     "Atos a présenté son plan lundi. Orange, actionnaire minoritaire, reste prudent. Un "
     "porte-parole de l'opérateur juge le projet « ambitieux mais difficile à financer », "
     "a-t-il indiqué.",
     "Orange", "ambitieux mais difficile", None),
    ("after-pronoun-lors-d-une-conference",
     "Margrethe Vestager a présenté la décision mercredi. « Les règles s'appliquent à tous les "
     "acteurs du numérique », a-t-elle souligné lors d'une conférence de presse à Bruxelles.",
     "Margrethe Vestager", "Les règles s'appliquent", None),
    ("pronoun-after-a-quotation-naming-a-company",
     "Thomas Reynaud a écrit jeudi aux salariés d'Iliad.\n\nLe dirigeant défend sa stratégie. "
     "« Sur tous les plans, Free se porte bien », écrit-il. Mais il ajoute : « Nous devons encore "
     "baisser nos coûts. »",
     "Thomas Reynaud", "Nous devons encore", None),
    ("colon-after-a-peer-description-the-parser-misreads",
     "Jeanne Roux et Marc Petit ont fondé la société en 2019. La patronne, Jeanne Roux, répond aux "
     "critiques. « Nous ne levons pas pour survivre », dit-elle. Son associé complète : « Nous sommes "
     "rentables sur plusieurs marchés. »",
     "Marc Petit", "Nous sommes rentables", None),
    ("finite-dit-still-quotes-its-subject",
     "Tim Cook dit « nous sommes prêts pour la suite » devant les analystes.",
     "Tim Cook", "nous sommes prêts", None),
    ("fragment-under-a-role-noun-subject",
     "Aiman Ezzat dirige Capgemini depuis 2020. Le dirigeant voit dans ce rachat « le chaînon "
     "manquant de notre offre ».",
     "Aiman Ezzat", "le chaînon manquant", None),
    ("union-noun-for-the-organisation-subject-just-before",
     "Orange a présenté jeudi son plan de départs volontaires. La CGT appelle à la grève le 12 mars. "
     "« Nous ne lâcherons rien sur les salaires », prévient le syndicat.",
     "CGT", "Nous ne lâcherons rien", None),
    ("short-fragment-under-parler-de",
     "L'économiste Jean Tirole a parlé d'un « tournant historique » lors de la conférence.",
     "Jean Tirole", "tournant historique", None),
    ("colon-after-name-with-role",
     "Le patron de Nokia, Pekka Lundmark, l'a résumé ainsi : « La 5G reste notre priorité "
     "absolue pour les trois prochaines années ».",
     "Pekka Lundmark", "La 5G reste", None),
    ("quote-spanning-two-sentences",
     "« Les ventes ont doublé en un an. Nous embauchons cinquante ingénieurs », a affirmé "
     "Julie Marchand, la directrice générale de Qonto.",
     "Julie Marchand", "Les ventes ont doublé", None),
    ("paragraph-start-previous-speaker",
     "« La dette baissera dès l'an prochain », a assuré Patrick Drahi devant les actionnaires."
     "\n\n« Nous ne vendrons aucun actif stratégique cette année ni la suivante, quoi qu'en "
     "disent les marchés ».",
     "Patrick Drahi", "Nous ne vendrons aucun", None),
    ("selon-in-previous-sentence",
     "Selon Gartner, le marché des PC a reculé de 5 % au premier trimestre. Les fabricants "
     "restent pourtant « prudents ».",
     "Gartner", "prudents", None),
    ("plain-subject-speech-verb",
     "En mai, le ministre Bruno Le Maire avait salué une entreprise « devenue un modèle pour "
     "toute la filière ».",
     "Bruno Le Maire", "devenue un modèle", None),
    ("titled-person-tagged-as-one-name",
     "Le Premier ministre Jean Castex a salué « un accord historique » avec les opérateurs.",
     "Jean Castex", "un accord historique", None),
    ("speaker-named-in-the-next-sentence",
     "Xiaomi prépare son arrivée. « Nous ouvrirons dix boutiques en France avant la fin de "
     "l'année. » La formule est de Lei Jun, venu à Paris pour l'occasion.",
     "Lei Jun", "Nous ouvrirons dix boutiques", None),
    ("speaker-of-a-speech-verb-in-the-next-sentence",
     "Le salon a fermé ses portes dimanche. « Nous reviendrons l'an prochain avec trois fois "
     "plus d'exposants. » C'est ainsi que Maurice Lévy conclut son discours.",
     "Maurice Lévy", "Nous reviendrons l'an", None),
    ("euphonic-t-incise",
     "Marc Simoncini a fondé Meetic en 2001. « Nous avons grandi sans jamais lever le moindre "
     "euro auprès des fonds », explique-t-il.",
     "Marc Simoncini", "Nous avons grandi", None),
    ("euphonic-t-incise-feminine",
     "Anne Lauvergeon a quitté la présidence du groupe nucléaire en 2011. « Je ne regrette "
     "aucune des décisions prises à l'époque », poursuit-elle.",
     "Anne Lauvergeon", "Je ne regrette aucune", None),
    ("name-between-commas-after-relative-clause",
     "Le tour de table a été bouclé en mars. L'associé de Partech qui a mené l'opération, "
     "Philippe Collombel, résume : « Cette équipe a tout pour devenir un leader européen. »",
     "Philippe Collombel", "Cette équipe a tout", None),
    ("ministry-named-by-its-street-is-an-organisation",
     "Le dossier Atos inquiète Thales. « Nous ne laisserons pas ce savoir-faire partir à "
     "l'étranger », a fait savoir Bercy samedi.",
     "Bercy", "Nous ne laisserons pas", None),
    ("pronoun-subject-is-the-paragraph-person-not-an-earlier-subject",
     "Le plan a été salué par Agnès Pannier-Runacher, qui s'est félicitée de l'accord.\n\n"
     "Pour Luc Rémont, le PDG d'EDF, l'essentiel est ailleurs. « Nous devons d'abord sécuriser "
     "nos centrales », a expliqué le dirigeant. Il a ajouté que le groupe « tiendra ses délais "
     "sur le chantier de Flamanville ».",
     "Luc Rémont", "tiendra ses délais", None),
    ("speaker-before-colon-not-the-organisation-in-his-title",
     "Le rapport a été publié mardi. Jean Tirole, président du conseil scientifique de la "
     "Toulouse School of Economics (TSE), l'a présenté sans détour : « Les plateformes doivent "
     "être régulées comme des services essentiels. »",
     "Jean Tirole", "Les plateformes doivent", None),
    ("name-after-an-introductory-phrase-with-another-name",
     "Google a contesté l'amende. Dans une lettre signée avec Kent Walker, le directeur "
     "juridique, Sundar Pichai, patron d'Alphabet, qualifie la sanction d'« injuste et "
     "disproportionnée ».",
     "Sundar Pichai", "injuste et disproportionnée", None),
    ("pronoun-for-the-main-clause-person-not-one-in-a-relative-clause",
     "Les administrateurs se sont réunis dimanche. Parmi eux siégeait Anne Lauvergeon, ancienne "
     "présidente du comité qui avait recruté Thierry Breton. « Je n'ai rien vu venir », "
     "a-t-elle reconnu lundi.",
     "Anne Lauvergeon", "Je n'ai rien vu venir", None),
    ("fragment-of-speech-under-a-named-person-subject",
     "Chez Bernstein, l'analyste Pierre Ferragu voit dans cet accord « un tournant pour "
     "toute l'industrie des semi-conducteurs ».",
     "Pierre Ferragu", "un tournant pour toute", None),
    ("spokesperson-of-a-described-company-not-the-outlet",
     "Amazon n'a pas souhaité réagir officiellement. « Nous respectons la décision des juges », "
     "a toutefois indiqué à l'AFP un porte-parole du géant du commerce en ligne.",
     "Amazon", "Nous respectons la décision", "AFP"),
    ("impersonal-incise-reading-a-company-statement",
     "Meta a publié ses comptes mercredi. « Nous avons traversé une année de transition », "
     "peut-on lire dans le communiqué de Meta.",
     "Meta", "Nous avons traversé", None),
    ("description-that-is-a-gazetteer-nickname",
     "La Commission européenne a ouvert une enquête sur Microsoft. « Nous examinerons de près "
     "les pratiques de l'éditeur », a prévenu l'exécutif européen.",
     "Commission européenne", "Nous examinerons de près", None),
    ("board-speaks-for-the-company",
     "Le conseil d'administration d'Atos a rejeté l'offre vendredi, estimant qu'elle "
     "« sous-évalue gravement les actifs du groupe ».",
     "Atos", "sous-évalue gravement", None),
    ("new-speech-verb-reflexive-incise",
     "Les syndicats de Renault ont reçu le plan lundi. « On nous demande encore des sacrifices "
     "sans aucune contrepartie », s'indigne la CGT dans un communiqué.",
     "CGT", "On nous demande encore", None),
    ("role-noun-milliardaire-after-selon",
     "Xavier Niel a racheté Monaco Telecom en 2014. Selon le milliardaire, « la fibre finira "
     "par remplacer toutes les autres technologies ».",
     "Xavier Niel", "la fibre finira", None),
    ("incise-inside-the-quotation-marks",
     "Engie a publié ses comptes. « Nous sommes prêts, a déclaré Catherine MacGregor. Le marché "
     "de l'hydrogène décollera avant la fin de la décennie. »",
     "Catherine MacGregor", "Nous sommes prêts", None),
    ("impersonal-subject-with-du-cote-de",
     "Du côté de Bouygues Telecom, on assure que « les tarifs n'augmenteront pas cette année ».",
     "Bouygues Telecom", "les tarifs n'augmenteront", None),
    ("object-clitic-before-the-incise-verb",
     "Tim Cook a reçu des analystes à Cupertino. « Nous ne commentons jamais les produits "
     "futurs », leur a-t-il répondu.",
     "Tim Cook", "Nous ne commentons jamais", None),
    ("le-second-of-two-persons",
     "Le PDG de Renault, Luca de Meo, et son directeur financier, Thierry Piéton, ont présenté "
     "les résultats. « Nous avons dépassé nos objectifs », a affirmé le premier. « La trésorerie "
     "est solide », a ajouté le second.",
     "Thierry Piéton", "La trésorerie est solide", None),
    ("role-with-company-is-its-role-holder-not-the-latest-person",
     "Ericsson a publié ses comptes. « C'est un trimestre difficile », a déclaré son directeur "
     "général, Börje Ekholm, à la télévision suédoise.\n\nLe fonds Investor AB reste le premier "
     "actionnaire. Le président d'Investor AB, Jacob Wallenberg, ne s'est pas exprimé.\n\n"
     "Interrogé sur la Chine, le patron d'Ericsson a reconnu des « risques réels pour nos ventes ».",
     "Börje Ekholm", "risques réels pour", None),
    ("head-office-city-for-its-company",
     "Apple a dévoilé ses résultats trimestriels. « Les ventes d'iPhone ont dépassé nos "
     "attentes », se félicite-t-on à Cupertino.",
     "Apple", "Les ventes d'iPhone", None),
    ("brussels-for-the-commission",
     "La Commission européenne a autorisé l'aide française à STMicroelectronics. « Cette aide ne "
     "fausse pas la concurrence », a conclu Bruxelles.",
     "Commission européenne", "Cette aide ne fausse", None),
    ("ministry-from-the-gazetteer",
     "Le ministère des Armées a signé un contrat avec Thales. « Ce programme est essentiel pour "
     "notre souveraineté », a souligné le ministère.",
     "ministère des Armées", "Ce programme est essentiel", None),
    ("name-between-commas-parsed-as-conjunct-is-the-subject",
     "Le patron de SFR, Mathieu Cocq, a rencontré les syndicats avec Arthur Dreyfuss. « Le plan "
     "est indispensable », a-t-il expliqué à la sortie.",
     "Mathieu Cocq", "Le plan est indispensable", None),
    ("later-incise-names-an-earlier-quotation-of-its-sentence",
     "Les océans restent mal connus. Il existe « des zones presque vierges de données », comme "
     "en Arctique, et au sud « on manque cruellement de mesures », souligne Christophe Maes, "
     "chercheur à l'Ifremer.",
     "Christophe Maes", "des zones presque vierges", None),
    ("description-the-coreference-gave-to-a-news-agency",
     "Orange n'a pas répondu aux sollicitations de l'AFP. « Nous ne commentons pas les "
     "rumeurs », a simplement indiqué le groupe.",
     "Orange", "Nous ne commentons pas", None),
    ("manager-of-the-described-company-with-agency",
     "Nokia a annoncé un plan d'économies. « Nous devons réduire nos coûts de 800 millions "
     "d'euros », a déclaré à l'AFP un responsable du groupe.",
     "Nokia", "Nous devons réduire", "AFP"),
    ("reflexive-speech-verb-s-enflammer",
     "« Cette nation d'immigrés a toujours su se renouveler », s'est enflammé Tim Cook, le PDG "
     "d'Apple.",
     "Tim Cook", "Cette nation d'immigrés", None),
    ("continuation-verb-keeps-the-previous-speaker",
     "« Nous resterons le trublion du marché », a déclaré Xavier Niel lors de la conférence.\n\n"
     "Le fondateur d'Iliad a longtemps affronté Martin Bouygues sur le marché mobile. « Nos prix "
     "ne monteront pas cette année », a-t-il ajouté.",
     "Xavier Niel", "Nos prix ne monteront", None),
    ("continuation-yields-to-a-new-subject-of-the-paragraph",
     "« Le reconditionné doit devenir un réflexe », explique Claire Martin. Assis à côté d'elle, "
     "Paul Moreau insiste sur l'écologie. « Chaque appareil réparé évite des tonnes de déchets », "
     "poursuit-il.",
     "Paul Moreau", "Chaque appareil réparé", None),
    ("title-and-surname",
     "Thierry Breton a rencontré Elon Musk à Austin. « Les règles européennes s'appliqueront à "
     "tous les réseaux », a averti M. Breton.",
     "Thierry Breton", "Les règles européennes", None),
    ("person-completing-an-organisation-noun-is-not-the-speaker",
     "Free a annoncé une nouvelle offre mardi. « C'est la box la plus complète du marché », "
     "affirme l'opérateur de Xavier Niel.",
     "Free", "C'est la box la plus", None),
    ("role-phrase-matches-the-apposition-of-one-person",
     "Le ministre de l'Economie, Bruno Le Maire, et le ministre délégué au Numérique, Jean-Noël "
     "Barrot, ont reçu les opérateurs. « Nous voulons la fibre partout en 2025 », a déclaré le "
     "ministre délégué.",
     "Jean-Noël Barrot", "Nous voulons la fibre", None),
    ("standalone-quotation-after-a-sentence-about-its-speaker",
     "« Nous avons gagné des clients », a déclaré Thomas Reynaud. Xavier Niel se montre plus "
     "prudent. « Le marché reste très difficile pour tous les opérateurs. »",
     "Xavier Niel", "Le marché reste très", None),
    ("feminine-pronoun-for-a-compound-first-name",
     "Marie-Laure Denis a présenté le bilan annuel avec Marc Durand. « Les plaintes ont "
     "augmenté de 20 % en un an », a-t-elle souligné.",
     "Marie-Laure Denis", "Les plaintes ont", None),
    ("masculine-pronoun-for-the-company-of-the-paragraph",
     "Frédéric Mitterrand a salué le projet en 2010.\n\nLe groupe finlandais Nokia conteste "
     "la décision. « Elle repose sur une lecture erronée du contrat », estime-t-il.",
     "Nokia", "Elle repose sur une lecture", None),
    ("title-noun-right-before-a-name",
     "Le sénateur Paul Martin a ouvert la séance.\n\nMarc Roche, directeur de la filiale, a "
     "répondu aux questions. « Nous attendons des garanties écrites », a conclu le sénateur.",
     "Paul Martin", "Nous attendons des garanties", None),
    ("pronoun-for-the-role-noun-subject-of-its-paragraph",
     "Claire Lenoir a plaidé deux heures. La défense était menée par Claire Lenoir, avocate de "
     "l'opérateur, face à la juge Anne Morel.\n\nLa juge a renvoyé sa décision à septembre. « Ce dossier demande du temps », "
     "a-t-elle expliqué.",
     "Anne Morel", "Ce dossier demande", None),
    ("masculine-pronoun-is-not-a-feminine-description",
     "Luc Girard a rejoint Doctolib en 2019.\n\nLa société a présenté un nouveau service en "
     "mars. « Pas avant la fin de l'année », répond-il.",
     "Luc Girard", "Pas avant la fin", None),
    ("pronoun-incise-inside-the-quotation-in-a-new-paragraph",
     "« Le marché a ralenti », a reconnu Pierre Lefort, le patron d'Ericsson.\n\n« La demande "
     "repartira, a-t-il estimé devant les analystes, mais pas cette année. »\n\nLe directeur "
     "financier, Jean Dubois, a donné des chiffres. Jean Dubois table sur une marge stable.",
     "Pierre Lefort", "La demande repartira", None),
    ("name-with-its-company-in-brackets-before-a-colon",
     "Paul Hermelin (Capgemini) : « Nous recrutons toujours des ingénieurs »\n\nLe groupe "
     "Capgemini a publié ses résultats annuels jeudi.",
     "Paul Hermelin", "Nous recrutons toujours", None),
    ("role-phrase-after-a-name-the-parser-splits",
     "Nous avons vu ses fondateurs. Thibaut Lemaire, le directeur général, parle vite. "
     "Marc Lys, le directeur technique, l'écoute. Marc Lys a rejoint l'équipe en 2015.\n\nLes fonds iront au recrutement. « Nous "
     "devons doubler l'équipe d'ici un an », ajoute le directeur général.",
     "Thibaut Lemaire", "Nous devons doubler", None),
    ("d-apres-split-by-the-tokenizer",
     "D'après Hélène Martin, analyste chez Gartner, le marché des serveurs « restera sous "
     "pression jusqu'à l'été ».",
     "Hélène Martin", "restera sous pression", None),
    ("leader-role-noun-is-the-person-apposed-with-that-role",
     "Jean-Marc Chery, le directeur général, a détaillé les comptes du trimestre. Son directeur "
     "financier, Lorenzo Grandi, a ensuite évoqué les marges. « Nous gardons le cap malgré le "
     "ralentissement », répond le patron de STMicroelectronics.",
     "Jean-Marc Chery", "Nous gardons le cap", None),
    ("leader-role-noun-not-a-name-followed-by-a-post",
     "OpenAI a confirmé le retour de Sam Altman au poste de directeur général. Satya Nadella "
     "s'en est félicité lundi. Le patron de Microsoft a jugé l'accord « très encourageant pour "
     "la suite ».",
     "Satya Nadella", "très encourageant", None),
    ("unnamed-spokesperson-of-the-paragraph-organisation",
     "Orange a annoncé mardi une hausse de ses tarifs mobiles. Orange justifie cette hausse par "
     "l'inflation et par le coût de la fibre.\n\nDu côté de Bouygues Telecom, le ton est prudent. "
     "« Nous attendrons les premiers résultats avant de nous prononcer », a indiqué un "
     "porte-parole au Monde.",
     "Bouygues Telecom", "Nous attendrons les premiers", None),
    ("spokesperson-subject-of-a-verb-that-is-not-a-speech-verb",
     "Un porte-parole d'Amazon a exprimé son inquiétude face à « une décision qui pénalise "
     "d'abord les consommateurs ».",
     "Amazon", "une décision qui pénalise", None),
    ("one-of-its-delegates-is-the-organisation",
     "La CFDT a signé l'accord salarial mardi. L'un de ses délégués estime toutefois que « le "
     "compte n'y est pas pour les techniciens ».",
     "CFDT", "le compte n'y est pas", None),
    ("company-noun-is-never-the-court",
     "Qualcomm contestait l'amende de 242 millions d'euros infligée en 2019. La Cour de justice "
     "de l'Union européenne a rejeté mercredi son pourvoi et confirmé la sanction. « Nous allons "
     "étudier l'arrêt avec attention », a indiqué un porte-parole de l'entreprise.",
     "Qualcomm", "Nous allons étudier", None),
    ("feminine-role-in-apposition-gives-the-gender",
     "Marissa Mayer a présenté mardi les résultats de Yahoo.\n\nRobin Meyer, vice-présidente "
     "chargée des ventes, s'est voulue plus prudente. « Les recettes publicitaires ne "
     "repartiront pas avant l'automne », a-t-elle assuré.",
     "Robin Meyer", "Les recettes publicitaires", None),
    ("colon-after-a-name-completed-by-its-employer",
     "Une analyse que partage Thomas Husson, de Forrester : « Apple n'a jamais été aussi "
     "dépendant de l'iPhone ».",
     "Thomas Husson", "Apple n'a jamais été", None),
    ("impersonal-l-on-in-a-relative-after-chez",
     "Même son de cloche chez Orange, où l'on estime que « le marché n'est pas prêt pour une "
     "consolidation ».",
     "Orange", "le marché n'est pas prêt", None),
    ("pour-qui-after-a-name",
     "Le Sénat a auditionné les dirigeants. Des propos qui font écho à ceux de Thierry Breton, "
     "pour qui « l'Europe doit produire ses propres puces ».",
     "Thierry Breton", "l'Europe doit produire", None),
    ("second-fragment-after-an-incise-takes-the-incise-pronoun",
     "Robin Meyer, vice-présidente, s'est montrée plus concrète. « Nous allons réunir un "
     "milliard d'utilisateurs », a-t-elle assuré aux analystes, avant d'ajouter que "
     "l'intégration prendrait « plusieurs trimestres ».",
     "Robin Meyer", "plusieurs trimestres", None),
    ("quotation-run-on-over-two-paragraphs-after-its-speaker-s-paragraph",
     "Stéphane Richard a commenté les résultats d'Orange.\n\nLe directeur général de Free, "
     "Thomas Reynaud, défend quant à lui la stratégie du groupe.\n\n« Nous avons privilégié la "
     "rentabilité au volume. Nos abonnés restent fidèles.\n\n« La fibre sera notre priorité "
     "pour les trois prochaines années. »",
     "Thomas Reynaud", "Nous avons privilégié la rentabilité", None),
    ("incise-verb-tagged-as-a-noun-after-the-pronoun",
     "Martin Bouygues a confirmé l'échec des discussions avec Orange. « Nous restons "
     "indépendants », a-t-il martelé lors d'une conférence de presse, entouré de ses équipes.",
     "Martin Bouygues", "Nous restons indépendants", None),
    ("selon-a-document-is-its-issuer",
     "L'Autorité de la concurrence a sanctionné Apple. Selon la décision, « Apple a abusé de la "
     "dépendance économique de ses distributeurs ».",
     "Autorité de la concurrence", "Apple a abusé", None),
    ("possessive-leader-is-the-one-a-present-leading-verb-names",
     "Gilles Grapinet dirige Worldline depuis 2013. Didier Lamouche a présidé Ingenico. Worldline "
     "a annoncé le rachat d'Ingenico. « C'est une opération transformante », a commenté son PDG.",
     "Gilles Grapinet", "C'est une opération", None),
    ("leader-of-a-relative-clause-with-a-leading-verb",
     "Gilles Grapinet, qui dirige Worldline depuis 2013, a négocié l'accord. Didier Lamouche a "
     "présidé Ingenico. « C'est une opération transformante », a commenté le patron de Worldline.",
     "Gilles Grapinet", "C'est une opération", None),
    ("former-leader-is-not-the-patron",
     "Gilles Grapinet a longtemps dirigé Worldline. Didier Lamouche dirige Worldline depuis mars. "
     "Bernard Bourigeaud a quitté le groupe. « Nous restons confiants », a commenté le patron de "
     "Worldline.",
     "Didier Lamouche", "Nous restons confiants", None),
    ("owner-role-noun-is-the-person-of-the-paragraph",
     "Twitter, racheté par Elon Musk, a supprimé la moitié de ses postes. Le nouveau propriétaire "
     "a justifié cette décision sur son réseau social : « Il n'y a pas d'autre choix quand "
     "l'entreprise perd quatre millions de dollars par jour. »",
     "Elon Musk", "Il n'y a pas d'autre choix", None),
    ("inverted-incise-with-a-verb-outside-the-lexicon",
     "« Nous serons toujours les moins chers du marché », jubile Xavier Niel.",
     "Xavier Niel", "Nous serons toujours", None),
    ("inverted-incise-verb-mistagged-before-an-organisation",
     "Free a démenti la rumeur. « Cette information est totalement fausse », dément Orange dans "
     "la soirée.",
     "Orange", "Cette information est", None),
    ("his-partner-is-not-the-one-who-just-spoke",
     "Steve Anavi a cofondé Qonto en 2016. « Nous ne levons pas pour survivre », répond Alexandre "
     "Prot, le patron de la société. Son associé précise : « Nous sommes rentables sur plusieurs "
     "marchés. »",
     "Steve Anavi", "Nous sommes rentables", None),
    ("multi-word-speech-verb-mettre-en-garde",
     "Plusieurs banques ont signalé des fraudes. « Ne communiquez jamais vos codes par "
     "téléphone », met en garde la Fédération bancaire française.",
     "Fédération bancaire française", "Ne communiquez jamais", None),
    ("multi-word-speech-verb-faire-savoir-in-the-present",
     "Bouygues Telecom a rétabli son réseau dans la nuit. « Tous les services fonctionnent de "
     "nouveau », fait savoir l'opérateur.",
     "Bouygues Telecom", "Tous les services", None),
    ("speech-verb-menacer-in-the-passe-compose",
     "Tim Cook a défendu la politique de l'App Store. « Nous retirerons Fortnite de la "
     "boutique », a menacé le patron d'Apple, Tim Cook.",
     "Tim Cook", "Nous retirerons Fortnite", None),
    ("capitalised-demonym-after-a-person-subject-is-that-person",
     "Le PDG de Nokia, Pekka Lundmark, a défendu le plan devant les analystes. « Nous devons "
     "réduire nos coûts sans attendre », a insisté le Finlandais.",
     "Pekka Lundmark", "Nous devons réduire", None),
    ("capitalised-demonym-after-an-organisation-subject-stays-the-organisation",
     "Pekka Lundmark a présenté le plan. Nokia a ensuite publié ses comptes trimestriels. « Nos "
     "marges progressent malgré la baisse des ventes », a indiqué le Finlandais.",
     "Nokia", "Nos marges progressent", None),
    ("leader-noun-of-a-company-with-one-founder-is-that-founder",
     "Créé en 2011 par Jean-Baptiste Rudelle, Criteo vend de la publicité ciblée. « Le marché "
     "se consolide », a estimé Sundar Pichai, le patron de Google. Le patron de Criteo a pour "
     "sa part défendu une stratégie « fondée sur les données des marchands ».",
     "Jean-Baptiste Rudelle", "fondée sur les données", None),
    ("pronoun-after-a-role-subject-of-a-named-company",
     "Octave Klaba, le président d'OVHcloud, a présenté les résultats. Le tour a été salué par "
     "Nicolas Dufourcq, directeur général de Bpifrance. Le patron d'OVHcloud reste prudent. "
     "« La croissance ralentit partout en Europe », a-t-il reconnu.",
     "Octave Klaba", "La croissance ralentit", None),
    ("one-word-title-before-a-nationality-adjective-and-the-name",
     "Le fondeur a inauguré son chantier en présence du chancelier allemand Olaf Scholz. Le "
     "groupe investit dix milliards d'euros. « C'est le retour de l'industrie », a lancé le "
     "chancelier devant les ouvriers.",
     "Olaf Scholz", "C'est le retour", None),
    ("pronoun-skips-a-subject-inside-a-relative-clause",
     "La Fnac réduit ses effectifs. La CGT a déjà appelé à une grève mardi prochain, dans un "
     "marché où Amazon s'est imposé comme le rival direct des libraires. « Nous ne céderons "
     "rien », prévient-elle.",
     "CGT", "Nous ne céderons rien", None),
    ("lobby-is-an-association-description",
     "Google a critiqué le texte. « Cette règle pénalise l'innovation », a réagi un "
     "porte-parole de Google. A Bruxelles, l'association DigitalEurope, qui représente les "
     "industriels du numérique, a publié une note. « Le calendrier est irréaliste », estime le "
     "lobby.",
     "DigitalEurope", "Le calendrier est", None),
    ("unnamed-spokesperson-speaks-for-the-company",
     "Amazon conteste l'amende. « Nous ferons appel de cette décision », a indiqué une "
     "porte-parole du groupe dans un courriel.",
     "Amazon", "Nous ferons appel", None),
    ("description-after-a-quote-is-its-own-sentence-s-subject",
     "La Commission européenne a condamné Google. Google a annoncé qu'il ferait appel. Axel "
     "Springer a salué « un signal fort pour toute la presse européenne », a réagi le groupe "
     "de presse.",
     "Axel Springer", "un signal fort", None),
    ("feminine-pronoun-after-a-woman-of-a-less-common-first-name",
     "Margrethe Vestager a salué la coopération transatlantique. Lina Khan, qui préside la "
     "FTC, a ensuite pris la parole devant la presse. « Aucune entreprise n'est au-dessus des "
     "lois », a-t-elle déclaré.",
     "Lina Khan", "Aucune entreprise", None),
    ("impersonal-incise-is-the-organisation-subject-of-the-sentence-before",
     "Le Conseil d'Etat a rejeté le recours. Qualcomm estime que la procédure a duré trop "
     "longtemps. « Nous examinerons toutes les options, y compris un pourvoi », fait-on valoir "
     "dans l'entourage de la direction.",
     "Qualcomm", "Nous examinerons toutes", None),
    ("spokesperson-of-the-group-after-a-chez-topic",
     "Oracle a racheté Cerner. Cerner perd des contrats et Cerner réduit ses effectifs. Chez "
     "Oracle, on défend la transition. « Les hôpitaux gagneront en fiabilité », a fait valoir "
     "un porte-parole du groupe.",
     "Oracle", "Les hôpitaux gagneront", None),
    ("description-after-an-opening-name-the-parser-left-unattached",
     "Free lance son offre mobile à 19,99 euros. Orange a réagi dans la matinée. Bouygues "
     "Telecom, qui avait anticipé le choc avec B&You, s'est montré prudent. « Nous allons "
     "étudier ces offres dans le détail », a indiqué l'opérateur dans un communiqué.",
     "Bouygues Telecom", "Nous allons étudier", None),
    ("fragment-in-a-que-clause-is-the-speech-verb-s-subject",
     "Free casse les prix. Interrogé sur RTL, Martin Bouygues, le patron de Bouygues, a assuré "
     "que l'opérateur ne comptait pas se lancer dans « une guerre des prix suicidaire ».",
     "Martin Bouygues", "une guerre des prix", None),
    ("description-after-a-name-whose-apposition-the-parser-took-for-the-subject",
     "Netflix augmente ses prix en France. Canal+, le concurrent français de Netflix, n'a pas "
     "annoncé de hausse. « Nos tarifs restent inchangés à ce stade », a assuré le groupe au "
     "Figaro.",
     "Canal+", "Nos tarifs restent", None),
    ("academic-role-noun-after-a-quotation-is-the-person-named-before",
     "Apple a gagné son procès. Jean Martin, avocat spécialisé, juge le verdict logique. « C'était "
     "attendu », a-t-il dit. Marie Durand, professeure de droit à Assas, relève la portée du "
     "dossier. « Cette affaire change la jurisprudence », a expliqué l'universitaire au Monde.",
     "Marie Durand", "Cette affaire change", None),
    ("description-after-a-chez-topic-the-parser-cut-at-its-comma",
     "Pour les analystes, le plus dur commence. « Fusionner deux réseaux de cette taille "
     "prendra des années », a estimé Craig Moffett, analyste chez MoffettNathanson, interrogé "
     "par Reuters. Selon lui, la fusion donne une avance au nouvel ensemble.\n\nChez Dish, on "
     "se veut également confiant. « Nous sommes prêts à devenir un concurrent crédible dans le "
     "mobile », a indiqué le groupe de Charlie Ergen, qui doit reprendre Boost Mobile.",
     "Dish", "Nous sommes prêts", None),
    ("description-after-an-opening-name-the-parser-made-the-root",
     "Free lance son forfait à 19,99 euros. Orange a dénoncé une offre intenable. Bouygues "
     "Telecom, qui avait anticipé le choc en lançant sa marque B&You, s'est d'abord voulu "
     "prudent. « Nous analyserons ces offres avant toute décision », a indiqué l'opérateur dans "
     "un communiqué.",
     "Bouygues Telecom", "Nous analyserons ces", None),
    ("ranked-company-description-is-an-organisation",
     "Apple ouvre l'App Store. Tim Sweeney a dénoncé des règles « taillées sur mesure », a-t-il "
     "écrit. Deezer n'a pas été plus tendre. « C'est un racket pur et simple », a réagi le "
     "numéro un français du streaming musical dans un communiqué.",
     "Deezer", "C'est un racket", None),
    ("number-two-of-a-company-is-a-person",
     "Apple a présenté ses comptes. Jeff Williams, le numéro deux d'Apple, a salué la demande. "
     "« Les ventes de l'iPhone restent solides », a indiqué le numéro deux du groupe.",
     "Jeff Williams", "Les ventes de", None),
    ("company-named-only-after-a-is-no-outlet",
     "Bruxelles a infligé une amende de 500 millions d'euros à Microsoft. « Nous contesterons "
     "cette décision devant la justice », réplique le géant de Redmond.",
     "Microsoft", "Nous contesterons", None),
    ("class-description-skips-companies-of-another-class",
     "Xiaomi grignote des parts de marché à Samsung, d'après le cabinet Canalys. « Le chinois "
     "profite du recul des ventes haut de gamme », observe l'institut.",
     "Canalys", "Le chinois profite", None),
]

NEGATIVE = [
    ("title-in-quotes",
     "Le journal Le Monde a publié une enquête sur Orange. Selon « Le Monde », les salariés "
     "se plaignaient depuis des mois."),
    ("no-speaker",
     "« C'est un produit qui parle de lui-même » : cette phrase figurait sur les affiches "
     "publicitaires de la marque."),
    ("one-word-scare-quote-without-speaker",
     "Le « cloud » a transformé le métier des hébergeurs depuis dix ans."),
    ("selon-in-previous-paragraph",
     "Selon Gartner, le marché des PC a reculé de 5 %.\n\nLe mot « crise » revient dans "
     "toutes les bouches."),
    ("next-sentence-names-nobody-as-speaker",
     "Le salon a fermé ses portes dimanche. « Nous reviendrons l'an prochain avec trois fois "
     "plus d'exposants. » Le stand de Jean Dupont a été le plus visité."),
    ("place-named-for-its-government-is-no-speaker",
     "Le dossier Huawei inquiète Nokia. « Nous ne laisserons pas ces équipements entrer dans nos "
     "réseaux », a fait savoir Washington samedi."),
    ("outlet-of-an-unnamed-manager-is-no-speaker",
     "Le titre de Worldline a chuté de moitié. « Personne n'avait vu venir un tel avertissement », "
     "estime un gérant lyonnais interrogé par Reuters."),
    ("scare-quote-in-a-sentence-whose-subject-is-an-organisation",
     "Samsung a présenté mardi à Séoul ce qu'il appelle son « téléphone le plus endurant »."),
    ("national-capital-is-its-government-not-a-company",
     "Orange a présenté son plan de départs. « Nous serons vigilants sur l'emploi », a prévenu "
     "Paris."),
    ("impersonal-incise-naming-nobody",
     "La réforme divise le secteur. « Personne ne sait encore qui paiera la facture », "
     "entend-on dans les couloirs du salon."),
    ("anonymous-source-in-incise",
     "Renault a présenté son plan d'économies mardi. « On ferme des usines sans oser le dire », "
     "confie un cadre sous couvert d'anonymat."),
    ("institution-noun-is-not-the-company",
     "Atos a publié ses comptes annuels lundi. « Le dossier reste ouvert », indique le ministère."),
    ("one-of-a-person-s-relatives-is-nobody-we-can-name",
     "Elon Musk a quitté la réunion plus tôt que prévu. Un de ses proches assure que « la "
     "décision est déjà prise depuis longtemps »."),
    ("apres-without-d-is-no-source",
     "Après Jean Dupont, le projet a été « mis en pause pour plusieurs mois »."),
    ("paragraph-opening-quotation-after-an-organisation-s-paragraph",
     "Orange a publié ses résultats trimestriels jeudi soir.\n\n« Les chiffres restent très "
     "décevants pour les actionnaires du groupe. »"),
    ("anonymous-employee-is-not-the-company-s-voice",
     "Airbus a présenté son plan de réduction des coûts. « Personne ne croit vraiment à ce plan "
     "en interne », confie une ingénieure du groupe, qui a requis l'anonymat."),
    ("term-named-by-a-participle",
     "Capgemini mise sur l'IA dite « agentique » pour automatiser les tâches répétitives."),
    ("fragment-under-an-indefinite-role-noun-subject",
     "Aiman Ezzat dirige Capgemini depuis 2020. Un dirigeant voit dans ce rachat « le chaînon "
     "manquant de notre offre »."),
    ("union-noun-never-stands-for-the-company-the-article-is-about",
     "Orange a présenté jeudi son plan de départs volontaires aux salariés. Orange refuse de rouvrir "
     "les négociations. « Nous ne lâcherons rien sur les salaires », prévient le syndicat."),
    ("impersonal-incise-of-an-unnamed-source-is-nobody-s",
     "Orange a publié ses comptes annuels. « Une cession de la filiale n'est pas exclue », "
     "glisse-t-on de source proche du dossier."),
    ("adverb-then-a-name-with-its-own-verb-is-no-incise",
     "Le slogan « Think different pour toujours », ensuite Apple a changé de stratégie."),
]


def _label(x, key):
    return next(e.label for e in x.entities if e.key == key) if key else None


@pytest.mark.parametrize("case_id, text, speaker, start, outlet", POSITIVE,
                         ids=[c[0] for c in POSITIVE])
def test_quote_and_speaker(analyse, case_id, text, speaker, start, outlet):
    x = analyse(text)
    found = [(_label(x, q.speaker), q.text, _label(x, q.reported_by)) for q in x.quotes]
    assert any(s == speaker and t.startswith(start) for s, t, _ in found), found
    if outlet:
        assert any(o == outlet for s, t, o in found if t.startswith(start)), found


@pytest.mark.parametrize("case_id, text", NEGATIVE, ids=[c[0] for c in NEGATIVE])
def test_no_quote(analyse, case_id, text):
    x = analyse(text)
    assert [(q.speaker, q.text) for q in x.quotes] == []


def test_split_quote_is_one_quote(analyse):
    x = analyse(POSITIVE[13][1])
    assert len(x.quotes) == 1
    assert "nous ne referons pas" in x.quotes[0].text


@pytest.mark.parametrize("text, expected", [
    ("« un « deux » trois » et « quatre »", ["un « deux » trois", "quatre"]),
    ('Il a dit "oui merci" puis “non merci”.', ["oui merci", "non merci"]),
    ("« ouvert sans fin\n\nautre paragraphe »", []),
    ("« run on\n\n« next paragraph »", ["run on\n\n« next paragraph"]),
])
def test_quotation_marks(text, expected):
    assert [text[o + 1:c].strip() for o, c in quotations(text)] == expected


def test_unnamed_subject_takes_no_earlier_source(analyse):
    # The embassy is the speaker; the outlet of the previous sentence must not be taken for it.
    x = analyse("Selon Reuters, des pirates liés à Pékin seraient en cause. L'ambassade de Chine "
                "à Paris a rejeté ces accusations, dénonçant des « rumeurs sans fondement ».")
    assert "Reuters" not in [_label(x, q.speaker) for q in x.quotes]


def test_anonymous_source_is_not_the_previous_speaker(analyse):
    x = analyse("« Le plan est solide », a déclaré Luca de Meo. « Personne n'y croit en interne », "
                "glisse un ingénieur du centre technique.")
    assert [(_label(x, q.speaker), q.text[:18]) for q in x.quotes] == [("Luca de Meo", "Le plan est solide")]


def test_unresolved_named_subject_is_not_the_previous_speaker(analyse):
    # The second quotation is the bank's, whose name the model does not tag: not Marc Lefèvre's.
    x = analyse("« Le secteur reste sous pression », a déclaré à l'AFP Marc Lefèvre. Dans une note "
                "publiée lundi, Oddo BHF juge que « la reprise ne viendra pas avant l'automne "
                "prochain ».")
    found = [(_label(x, q.speaker), q.text[:10]) for q in x.quotes]
    assert ("Marc Lefèvre", "Le secteur") in found
    assert ("Marc Lefèvre", "la reprise") not in found


def test_unresolved_organisation_description_is_not_the_previous_speaker(analyse):
    # "le syndicat" names an organisation we cannot resolve: not Marc Lefèvre's words.
    x = analyse("« Les salaires suivront », a déclaré Marc Lefèvre. « Si rien ne change, nous "
                "reviendrons dans la rue », prévient le syndicat.")
    found = [(_label(x, q.speaker), q.text[:10]) for q in x.quotes]
    assert ("Marc Lefèvre", "Si rien ne") not in found


def test_anonymous_incise_inside_the_quotation_is_not_the_previous_speaker(analyse):
    x = analyse("« Les coûts baisseront », a précisé Marc Lefèvre.\n\n« Le plan arrive tard, a jugé un "
                "analyste de la place, mais il était nécessaire. »")
    found = [(_label(x, q.speaker), q.text[:10]) for q in x.quotes]
    assert found == [("Marc Lefèvre", "Les coûts ")]


def test_pronoun_restating_a_topic_is_not_a_speaker(analyse):
    # "Quant à la gouvernance, elle …": "elle" is the governance, not the coreference's company.
    x = analyse("Luc Girard a signé avec Microsoft en février. « C'est un simple contrat commercial "
                "entre nous », tranche-t-il. Quant à la gouvernance, elle ne changera pas : « Les fondateurs "
                "gardent la main sur toutes les décisions. »")
    found = [(_label(x, q.speaker), q.text[:10]) for q in x.quotes]
    assert ("Microsoft", "Les fondat") not in found


def test_name_the_model_misses_is_not_the_previous_speaker(analyse):
    x = analyse("« Le prototype est prometteur », a déclaré Xavier Niel. « Je le trouve un peu trop "
                "lent pour les transports publics », a regretté Jaan.")
    found = [(_label(x, q.speaker), q.text[:10]) for q in x.quotes]
    assert found == [("Xavier Niel", "Le prototy")]


def test_employer_after_a_comma_is_no_outlet(analyse):
    x = analyse("« Les données manquent dans l'océan Indien », souligne Christophe Maes, chercheur à "
                "l'Ifremer.")
    assert [(_label(x, q.speaker), _label(x, q.reported_by)) for q in x.quotes] == [("Christophe Maes", None)]


@pytest.mark.parametrize("word, gender", [
    ("présidente", "Fem"), ("vice-présidente", "Fem"), ("directrice", "Fem"), ("patronne", "Fem"),
    ("président", "Masc"), ("directeur", "Masc"), ("analyste", None), ("ministre", None),
    ("entreprise", None),
])
def test_role_noun_gender(word, gender):
    from kg.extract.genders import noun_gender
    assert noun_gender(word) == gender


def test_run_on_quotation_is_one_quote(analyse):
    x = analyse("Thomas Reynaud défend la stratégie du groupe.\n\n« Nous avons privilégié la "
                "rentabilité au volume.\n\n« La fibre sera notre priorité. »")
    # One quote, its text the article's own span (the reopening mark included).
    assert [q.text for q in x.quotes] == ["Nous avons privilégié la rentabilité au volume.\n\n« La "
                                          "fibre sera notre priorité."]


def test_name_inside_a_quotation_is_no_antecedent(analyse):
    # "il" after « … Paul Girard … », écrit-il is still the writer, not the man he thanks.
    x = analyse("Luc Berger a ouvert la séance du conseil.\n\nLe président remercie d'abord les équipes. "
                "« Je salue le travail de Paul Girard sur ce dossier », écrit-il. Il ajoute : « Le projet "
                "sera livré en juin. »")
    found = [(_label(x, q.speaker), q.text[:10]) for q in x.quotes]
    assert ("Luc Berger", "Le projet ") in found
    assert not any(s == "Paul Girard" for s, _ in found)


def test_indefinite_person_noun_before_a_colon_is_not_a_lead_description(analyse):
    # "Un analyste tranche : « … »" names someone we cannot: not Jeanne Roux, who spoke before.
    x = analyse("Jeanne Roux a présenté les comptes. « Nous restons confiants », dit-elle. Un analyste "
                "tranche : « Les marges ne tiendront pas longtemps. »")
    found = [(_label(x, q.speaker), q.text[:10]) for q in x.quotes]
    assert ("Jeanne Roux", "Les marges") not in found


def test_fragment_under_another_subject_s_parler_is_not_the_previous_speaker(analyse):
    x = analyse("« Nous sommes prêts », a déclaré Tim Cook. Les analystes parlent plutôt d'un « pari très "
                "risqué pour le groupe ».")
    found = [(_label(x, q.speaker), q.text[:10]) for q in x.quotes]
    assert found == [("Tim Cook", "Nous somme")]


def test_organisation_speaking_through_a_named_person_is_that_person(analyse):
    text = ("Le constructeur a présenté mardi son plan. Renault a réagi par la voix de son directeur "
            "général, Luca de Meo : « Nous allons accélérer la cadence. » « Le calendrier est tenu », "
            "a répondu Stellantis par la voix de son porte-parole.")
    found = [(_label(analyse(text), q.speaker), q.text[:10]) for q in analyse(text).quotes]
    assert ("Luca de Meo", "Nous allon") in found
    # nobody named after "par la voix de": the organisation still speaks
    assert ("Stellantis", "Le calendr") in found
