"""Curated French lexicons matched with Aho-Corasick on the folded text, and what they mean per category.

The lists are written for Havre (generic French chat knowledge: slang, verlan, coded words), not copied
from public word lists. Each entry is folded like messages are (:func:`havre.safety.normalize.fold`) and
belongs to one *feature*; :class:`LexiconDetector` turns the features a message shows, with the context,
into category scores (a drug word alone is news talk; a drug word with a price is a sale).

Entry syntax: a word matches whole words; a trailing ``*`` matches a prefix ("suicid*").
"""

# ruff: noqa: E501 -- word lists and regex tables read best one alternation per line

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import cast

from havre.domain.verdict import Category
from havre.safety.groups import GROUP_WORDS
from havre.safety.normalize import fold
from havre.safety.prefilter import SHARED_SCAN, LiteralGate
from havre.safety.types import Categories, ConversationContext, NormalizedMessage, Score, Signal

__all__ = ["LEXICON", "Feature", "LexiconDetector", "features"]


class Feature(enum.Enum):
    """What a lexicon entry shows; categories are computed from combinations of features."""

    # Members are singletons: identity hashing is correct and much faster than Enum's Python-level hash.
    __hash__ = object.__hash__

    DRUG = "drug"  # a drug's name or slang
    DRUG_TRADE = "drug_trade"  # dealing jargon that is a sale by itself
    SALE = "sale"  # selling, buying, delivering, availability
    SEX = "sex"  # sexual vocabulary
    SEX_STRONG = "sex_strong"  # explicit sexual acts or requests
    CSAM = "csam"  # coded requests for child sexual abuse material
    MINOR_REF = "minor_ref"  # words that name children or teenagers
    ESCORT = "escort"  # escorting, paid sex, pimping
    SLUR = "slur"  # slurs on a group identity
    IDENTITY = "identity"  # group identity words (neutral by themselves)
    DEHUMANISE = "dehumanise"  # predicates that dehumanise or call for exclusion
    NEG_ATTRIBUTE = "neg_attribute"  # negative attributes ("stupides", "voleurs"): hateful about a group
    HATE_VERB = "hate_verb"  # "je déteste", "j'ai horreur des"
    INSULT = "insult"  # insults (targeted when addressed to "tu")
    THREAT = "threat"  # threats of violence
    BLACKMAIL = "blackmail"  # blackmail, sextortion
    DOX = "dox"  # a call to pile on someone, or their identity thrown out
    DOX_INFO = "dox_info"  # someone else's name, school, address or handle (only counts with DOX)
    SELF_HARM = "self_harm"  # suicidal intent, self-injury
    HYPERBOLE = "hyperbole"  # "mourir de rire": defuses self-harm words
    BANTER = "banter"  # "mdr", "ptdr", "jrigole": softens insults
    AMBUSH = "ambush"  # luring plans, fake profiles, robbing or beating someone
    ISOLATED_PLACE = "isolated_place"  # places with nobody around
    COME_ALONE = "come_alone"  # "viens seul"
    REPORTED = "reported"  # reported or condemned speech ("il m'a traité de ...", "c'est homophobe")
    PROMO = "promo"  # ads, easy money, giveaways
    PROMO_CALL = "promo_call"  # what an ad asks of everyone: click, follow, join, visit, a link


_F = Feature

#: The curated lexicon: feature → entries (folded or not; they are folded when the matcher is built).
LEXICON: dict[Feature, tuple[str, ...]] = {
    _F.DRUG: (
        "weed", "beuh", "beuz", "herbe", "cannabis", "shit", "haschich", "hasch", "hash", "teh", "tdb", "resine",
        "coke", "cocaine", "crack", "md", "mdma", "ecsta", "ecstasy", "taz", "exta",
        "extas", "keta", "ketamine", "lsd", "buvard", "buvards", "champi", "champis", "champignons magiques",
        "heroine", "meth", "3mmc", "4mmc", "ghb", "lean", "codeine",
        "xanax", "tramadol", "joint", "joints", "bedo", "bedos", "oinj", "spliff", "pilon", "frappe", "amnesia",
        "filtré", "pollen", "gramme", "grammes", "beuher", "drogue", "drogues",
        "stupefiant*", "fumette", "tarpé", "tarpe", "pétard", "kush", "skunk",
    ),
    _F.DRUG_TRADE: (
        "pochon", "pochons", "barrette", "barrettes", "savonnette", "tieks",
        "charbon", "chouf", "guetteur", "snap drive", "drive 24",
        "livraison de beuh", "plan beuh", "plan weed", "plan coke", "plan shit", "dealer", "dealeur",
        "bicrave", "bicraver", "bicraveur", "jveux du shit", "qui a du", "qui vend", "ou on peut trouver",
        "menu du jour", "la carte du jour", "frappe de ouf", "qualite premium",
    ),
    _F.SALE: (
        "vend", "vends", "vendre", "vente", "achete", "acheter", "achat", "dispo", "disponible", "livraison",
        "livre", "livrer", "livreur", "prix", "tarif", "tarifs", "commande", "commander", "stock", "en stock",
        "drive", "dm", "mp", "pv", "cherche", "recherche", "qui veut", "qui a", "plan", "contact", "menu",
        "carte", "envoie en", "paiement", "paypal", "lydia", "cash", "espece", "especes", "euros", "balles",
        "argent", "deal", "promo", "pas cher", "bon prix", "qualite", "frais", "24 24", "7 7", "h24",
        "combien", "c est combien",
    ),
    _F.SEX: (
        "sexe", "sexy", "coquin", "coquine", "coquines", "nue", "nues", "nude", "nudes", "seins",
        "fesses", "bite", "chatte", "zizi", "teub", "zeub", "bander",
        "chaudasse", "coquin*", "lingerie", "string", "culotte", "calecon",
        "soutif", "soutien gorge", "sous vetements", "calin coquin", "embrasser partout",
        "sperme", "porno", "porn", "pornographie", "masturb*", "branler", "branle", "plan cul",
        "plan q", "baiser", "baise", "niquer", "sucer", "suce", "pipe", "levrette", "sodomie", "jouir",
        "orgasme", "erotique", "sensuel", "sensuelle", "photos osees", "photo osee",
        "en maillot", "en sous vetements", "sans t shirt", "sans haut", "en culotte", "sextape", "sexto",
        "sextos", "dick", "caresse*", "lecher", "deshabille*", "en petite tenue", "en serviette",
        "sous la douche", "sous la couette", "ta poitrine", "tes formes", "ton cul", "excite*", "excitant*",
        "ton corps", "mon corps", "nu", "toute nue", "tout nu", "a poil", "calins partout",
    ),
    _F.SEX_STRONG: (
        "nude", "nudes", "envoie des nudes", "montre tes seins", "montre ta chatte", "montre ta bite",
        "photo de tes seins", "photo nue", "photos nues", "toute nue", "tout nu", "plan cul", "baiser",
        "sucer", "jouir", "masturb*", "branler", "sextape", "sexto", "sextos", "porno", "levrette",
        "te toucher", "me toucher", "toucher ton corps", "ton corps", "faire l amour", "coucher avec",
        "ta premiere fois", "vierge", "t es vierge", "deja fait l amour", "deja couche", "t exciter",
        "je bande", "me branle", "photos coquines", "photo coquine", "en sous vetements", "en culotte",
        "sans culotte", "sans soutif", "a poil", "dick pic", "dickpic",
    ),
    _F.CSAM: (
        "dossiers de jeunes", "dossier de jeunes", "liens de jeunes", "contenu de jeunes", "jeunes a echanger",
        "echange de jeunes", "photos de mineures", "videos de mineures", "pack de mineures", "pthc", "ptsc", "cp video", "cp videos", "videos de petites", "video de petites", "photos de petites",
        "photos de jeunes", "videos de jeunes", "jeunes filles nues", "jeunes garcons nus", "lolita",
        "lolitas", "pedo", "pedos", "pedophile", "pedoporn*", "contenu mineur", "contenus mineurs",
        "pack de jeunes", "packs de jeunes", "pack ado", "packs ado", "pack 14", "pack 15", "pack 16",
        "nudes de mineures", "nudes de collegiennes", "collegiennes nues", "photos d ados", "videos d ados",
        "ados nues", "echange de photos d enfants", "enfants nus", "petite fille nue",
    ),
    _F.MINOR_REF: (
        "mineur", "mineure", "mineures", "mineurs", "ado", "ados", "adolescent*", "collegien*", "lyceen*",
        "gamine", "gamin", "petite", "jeune fille", "jeunes filles", "jeune garcon", "enfant", "enfants",
        "13 ans", "14 ans", "15 ans", "16 ans", "17 ans", "12 ans", "11 ans", "en 3e", "en 4e", "en seconde",
        "ecoliere", "en troisieme", "en quatrieme", "au college", "moins de 18",
    ),
    _F.ESCORT: (
        "escort", "escorte", "escorts", "hotesse", "hotesses", "masseuse", "massage naturiste",
        "massage tantrique", "massage complet", "finition", "happy ending", "plan tarife", "plans tarifes",
        "rencontre tarifee", "tarifee", "tarifees", "prestation", "prestations", "forfait", "forfaits",
        "sugar daddy",
        "sugar baby", "sugardaddy", "michto", "michetonneuse", "tepu", "proxenete", "proxenetisme",
        "maquereau", "trottoir", "bordel", "maison close",
        "travailleuse du sexe", "tds", "appart discret", "appartement discret", "lieu discret",
        "je recois", "deplace", "je me deplace", "sans tabou", "sans tabous",
        "gfe", "independante", "dispo 24", "filles dispo", "nouvelle fille", "nouvelles filles",
        "plan payant", "plans payants", "rencontre payante", "rencontres payantes", "la passe", "une passe",
        "la demi heure", "nuit complete", "discretion assuree", "cadre discret", "gentleman", "gentlemen",
        "hommes genereux", "michetonne*", "escorting", "massage sensuel", "massage erotique",
        "client serieux", "clients serieux", "je prends la moitie", "moitie moitie", "appart hotel",
        "sans capote",
        # Pimping and soliciting: ad sites, recruiting, street slang.
        "vivastreet", "wannonce", "sexemodel", "je te trouve des clients", "je te ramene des clients",
        "trouver des clients", "des clients pour toi", "faire des passes", "faire le trottoir", "tapin",
        "tapiner", "tapineuse", "racoler", "racolage", "gagneuse", "ma gagneuse", "michetonner",
        "faire des michtos", "je poste ton annonce", "je m occupe de ton annonce", "ton annonce",
    ),
    _F.SLUR: (
        "pd", "pede", "pedes", "pedale", "pedales", "tapette", "tapettes", "tarlouze", "tarlouzes", "tafiole",
        "fiotte", "fiottes", "enculé de pd", "gouine", "gouines", "broute minou", "travelo", "travelos",
        "trav", "transexuel de merde", "negro", "negros", "negre", "negres", "bougnoule", "bougnoules",
        "bicot", "bicots", "raton", "ratons", "youpin", "youpins", "youtre", "feuj de merde", "chinetoque",
        "chinetoques", "bridé", "bridés", "niakoue", "bamboula", "bamboulas", "macaque", "macaques",
        "sale noir", "sale noire", "sale noirs", "sale arabe", "sale arabes", "sale juif", "sale juive",
        "sale juifs", "sale musulman", "sale musulmans", "sale rebeu", "sale renoi", "sale gay", "sale gays",
        "sale lesbienne", "sale trans", "sale pd", "sale gouine", "sale feuj", "sale chinois",
        "sale rom", "sale roms", "sale gitan", "sale gitans", "sale migrant", "sale migrants", "sale pute",
        "bicoteuse", "bounty", "sale blanc", "face de citron", "sale noich", "sale bougnoul", "nazi",
        "tafioles", "mongolien*", "attarde mental", "attardes mentaux", "attardee mentale", "negresse*", "fatma",
        "fatmas", "tantouze*", "goudou*",
    ),
    _F.IDENTITY: (
        "gay", "gays", "homo", "homos", "homosexuel*", "lesbienne", "lesbiennes", "bi", "bisexuel*", "trans",
        "transgenre*", "transsexuel*", "queer", "lgbt", "lgbtq", "noir", "noirs", "noire", "noires", "black",
        "blacks", "renoi", "renois", "arabe", "arabes", "rebeu", "rebeus", "beur", "beurs", "maghrebin*",
        "juif", "juifs", "juive", "juives", "feuj", "feujs", "musulman", "musulmans", "musulmane",
        "musulmanes", "islam", "chretien*", "asiatique", "asiatiques", "chinois", "chinoise", "roms", "rom",
        "gitan", "gitans", "migrant", "migrants", "immigre", "immigres", "etranger", "etrangers", "refugie*",
        "femme", "femmes", "meuf", "meufs", "fille", "filles", "handicape*", "autiste*", "africain*",
        "obese", "obeses", "gros", "grosse", "grosses", "tranny", "noirs", "nana", "nanas",
        *sorted(GROUP_WORDS),  # every name the model reads as a group
    ),
    _F.DEHUMANISE: (
        "animaux", "animal", "betes", "bete", "parasite", "parasites", "vermine", "cafard", "cafards", "rats",
        "singes", "singe", "sous hommes", "sous homme", "dechets", "dechet", "ordures", "raclure", "raclures",
        "maladie", "malades", "malade mental*", "contre nature", "degenere*", "degoutant*", "degoutent",
        "me degoute", "me degoutent", "a vomir", "cancer", "peste", "virus", "inferieur*", "pas humains",
        "pas des humains", "devraient crever", "doivent crever", "faut les tuer", "faut tous les tuer",
        "a bruler", "au bucher", "exterminer", "extermines", "gazer", "au four", "rentrez chez vous",
        "retourne dans ton pays", "retournez dans votre pays", "dehors", "a la porte", "pas leur place",
        "aucune place", "doivent partir", "devraient disparaitre", "qu ils disparaissent", "menace pour",
        "danger pour", "invasion", "envahisseurs", "grand remplacement", "pervers", "pedophiles",
        "abominable", "abominables", "une honte", "sont tous des", "tous des", "toutes des",
        "sont toutes des", "nuisibles", "nuisible", "moins que rien", "inutiles", "inutile",
        "devraient etre interdits", "interdire les", "pas normal", "pas normaux", "contre nature",
        "il faut les", "faut les", "je les deteste", "je les hais", "les pendre", "pendus",
        "sans valeur", "valent moins", "moins que de la merde", "sous humain*", "sous race", "erreur de la nature",
        "se debarrasser", "debarrasser des", "en finir avec", "pas nos egaux", "pas nos egales", "aucune compassion",
        "de ton espece", "de votre espece", "de leur espece", "laisser vivre", "etre execute*", "etre elimine*",
        "fleau", "fleaux", "plaie", "gangrene", "pourriture", "pourritures", "ordure", "invasions", "envahissent",
        "colonisent", "porterait mieux sans", "porterions mieux sans", "serait mieux sans", "serions mieux sans",
        "mieux sans eux", "mieux sans elles",
    ),
    _F.NEG_ATTRIBUTE: (
        "stupide", "stupides", "bete", "betes", "con", "cons", "connes", "sale", "sales", "dangereux",
        "dangereuse", "dangereuses", "violent", "violents", "violente", "violentes", "faible", "faibles",
        "paresseux", "paresseuse", "paresseuses", "feignant*", "faineant*", "voleur", "voleurs", "voleuse",
        "voleuses", "criminel*", "delinquant*", "terroriste*", "menteur", "menteurs", "menteuse*", "fou",
        "fous", "folle", "folles", "hysterique*", "incapable*", "incompetent*", "ignorant*", "primitif*",
        "primitive*", "sauvage*", "arrieres", "arriere", "illegitime*", "hypocrite*", "radin*", "profiteur*",
        "profiteuse*", "assiste*", "agressi*", "nul", "nuls", "nulle", "nulles", "laid", "laids", "laide*",
        "puant*", "pue", "puent", "vicieu*", "manipulat*", "faux", "fausses", "traitre*", "lache", "laches",
        "egoiste*", "mechant*", "malhonnete*", "bruyant*", "sournois*", "mauvais", "mauvaise*", "ridicule*",
        "pathetique*", "minable*", "horrible*", "affreu*", "monstre*", "monstrueu*",
        "ignorance", "cruel", "cruels", "cruelle*", "barbare*", "irrecuperable*", "pire", "pires", "aberrant*",
        "racaille*", "enflure*", "immonde*", "repugnant*", "abject*",
        "merdique*", "font chier", "fait chier", "cassent les couilles", "casse les couilles", "pete les couilles",
        "petent les couilles", "pitoyable*", "ignoble*", "ecoeurant*", "degueulasse*", "infecte", "infectes",
        "odieu*", "meprisable*", "detestable*", "lamentable*", "repoussant*", "insupportable*",
    ),
    _F.HATE_VERB: (
        "je deteste les", "je hais les", "j ai horreur des", "j ai la haine des", "je supporte pas les",
        "je supporte plus les", "je peux pas blairer les", "je vomis les", "mort aux", "a mort les",
        "dehors les", "on devrait tuer les", "il faudrait tuer les", "faut virer les", "faudrait virer les",
        "je meprise les", "les gens comme toi", "les gens comme vous", "ta race", "votre race", "leur race",
        "ces gens la", "ces gens", "vous les", "j execre", "j abhorre", "hors de moi", "me font bouillir",
        "me rendent fou", "me rendent folle", "fou de rage", "folle de rage", "de haine pour", "trop de haine",
        "degoute par", "degoutee par", "degoutes par", "me debectent", "me font gerber", "me donnent envie de vomir",
    ),
    _F.INSULT: (
        "connard", "connasse", "conne", "salope", "salopes", "salaud", "pute", "putes",
        "batard", "batarde", "enfoire", "enfoiree", "encule", "enculé", "fils de pute", "fdp", "ntm",
        "nique ta mere", "ta mere la pute", "ta gueule", "ferme ta gueule", "ftg", "ta geule", "tg",
        "abruti", "abrutie", "debile", "idiot", "idiote", "cretin", "cretine", "bouffon", "bouffonne", "boloss",
        "bolosse", "clochard", "clocharde", "grosse vache", "grosse truie", "gros porc",
        "moche", "mocheté", "laideron", "boudin", "sac a foutre", "trainee", "trainée", "pétasse",
        "petasse", "pouffiasse", "grognasse", "catin", "garce", "merdeux", "merdeuse", "sous merde",
        "t es nul", "t es nulle", "personne t aime", "personne ne t aime", "t es moche", "t es grosse",
        "t es gros", "t es bete", "t es conne", "t es con", "t es un bouffon", "t es une salope",
        "va te faire foutre", "vtf", "va te faire", "va crever", "casse toi", "sale chienne",
        "chienne", "sale chien", "cassos", "cas social", "attarde", "attardee", "mongol", "mongole", "triso",
        "gogol", "teubé", "teube", "suicide toi", "va te suicider", "tue toi", "va mourir", "crève", "creve",
        "fais le monde une faveur", "gros lard", "grosse lard", "obese", "sale grosse", "sale gros",
        "connards", "connasses", "batards", "batardes", "enfoires", "enfoirees", "encules", "abrutis", "abruties",
        "debiles", "idiots", "idiotes", "cretins", "cretines", "bouffons", "salauds", "salopards", "trou du cul",
        "trous du cul", "tete de con", "tetes de con", "tete de noeud", "tetes de noeud", "sous merdes",
        # Common misspellings and chat forms of the above, and more of everyday French name-calling.
        "bouffone", "bouffons", "conasse", "connase", "conard", "connar", "batar", "batars", "batards",
        "enculer", "enculee", "encules", "t encule", "tencule", "jtencule", "va te faire enculer",
        "fils de chien", "fille de pute", "nique ta race", "nique sa mere", "nique sa race", "nik ta mere",
        "nique tes morts", "niquer ta mere", "mange tes morts", "baise ta mere", "bz ta mere", "suce ma bite",
        "suceuse", "suceur", "tocard", "tocarde", "loser", "looser", "raclure", "ordure", "pourriture",
        "sac a merde", "grosse merde", "petite merde", "tas de merde", "nul a chier", "pauvre con",
        "pauvre conne", "pauvre type", "baltringue", "tete de con", "tete de noeud", "face de rat",
        "sale pute", "sale con", "sale conne", "sale merde", "grosse baleine", "gros tas", "cageot", "puceau",
        "usine a bite", "garage a bite", "salopard", "mal baise", "mal baisee", "bolos", "imbecile", "va chier",
        "chien de la casse", "sale batard", "bande de cons", "bande de connards", "gros con", "grosse conne",
        "grosse pute",
    ),
    _F.THREAT: (
        "je vais te tuer", "jvais te tuer", "je vais te buter", "jvais te buter", "je vais te defoncer",
        "jvais te defoncer", "je vais te frapper", "je vais te niquer", "jvais te niquer", "je vais te casser",
        "je vais te retrouver", "jvais te retrouver", "je vais te faire la peau", "t es mort", "t es morte",
        "t es un homme mort", "je sais ou tu habites", "je sais ou t habites", "je connais ton adresse",
        "on va te retrouver", "on sait ou tu habites", "fais gaffe a toi", "fais attention a toi", "tu vas voir",
        "tu vas le regretter", "tu vas payer", "tu vas prendre cher", "tu vas morfler", "gare a toi",
        "je vais te planter", "je vais te saigner", "on va te defoncer", "on va te tabasser",
        "on va te choper", "on t attend a la sortie", "je vais venir chez toi",
        "je vais bruler", "je vais te tabasser", "ca va mal finir pour toi", "je te bute", "je te tue",
        "je te defonce", "je te nique", "je t attends", "on va s occuper de toi", "t as interet",
        "tu vas comprendre", "on va te faire", "je vais te faire", "je vais t egorger", "egorger",
        "je sais ou vous habitez", "on sait ou vous habitez", "je connais votre adresse",
        "vous allez le regretter", "vous allez payer", "je vais vous retrouver", "faites attention a vous",
        "tu vas le payer", "je vais te pourrir", "je vais te detruire", "je vais t eclater",
        "on va t eclater", "je vais te massacrer", "je t attends a la sortie",
        "je vais te niker", "je vais te nik", "je vais t encule", "je vais t enculer", "je vais te casser la gueule",
        "casser la gueule", "peter la gueule", "je vais te peter", "te refaire le portrait", "je vais vous niquer", "je vais tous vous niquer", "je vais vous tuer",
        "je vais vous buter", "on va vous niquer", "on va te niquer", "tu vas voir ta gueule", "tu vas crever",
        "je vais te cramer", "je vais te briser", "je vais vous defoncer", "on va vous defoncer", "je te casse",
    ),
    _F.BLACKMAIL: (
        "j envoie tes photos", "je balance tes photos", "je publie tes photos", "je diffuse", "je vais diffuser",
        "je vais publier", "je vais envoyer tes", "tout le monde va voir", "tout le lycee va voir",
        "tout le college va voir", "tes parents vont voir", "j envoie a tes parents", "j envoie a ta mere",
        "j envoie a tes potes", "si tu paies pas", "si tu payes pas", "si tu m envoies pas", "sinon j envoie",
        "sinon je publie", "sinon je balance", "sinon je diffuse", "sinon tout le monde", "j ai tes photos",
        "j ai des captures", "j ai des screens", "j ai tout screen", "je vais balancer", "balancer ton adresse",
        "je balance ton adresse", "je connais ton lycee", "je connais ton college", "t as 24h", "t as 48h",
        "envoie l argent", "paie ou", "paye ou", "en carte cadeau", "sinon ta vie est finie",
        "ta vie est finie", "je vais te ruiner", "je vais tout dire", "j ai trouve ton",
        "ta sextape", "ou je publie", "ou j envoie", "ou je balance", "je publie tout", "tout le monde saura",
        "a tous tes contacts", "je publie ta video", "j envoie ta video",
    ),
    _F.DOX_INFO: (
        "son insta", "son snap", "son tiktok", "son num", "son numero", "son tel", "son adresse", "son vrai nom",
        "elle habite", "il habite", "elle s appelle", "il s appelle", "sa classe", "son lycee", "son college",
        "ton vrai nom", "ta vraie adresse",
    ),
    _F.DOX: (
        "allez lui dire", "allez la voir", "allez le voir", "allez l insulter", "spammez la", "spammez le",
        "harcelez la", "harcelez le", "faites tourner", "partagez sa photo", "partagez ses photos",
        "on va lui faire une surprise", "je vais balancer ton", "je balance ton", "compte fisha",
        "allez lui faire", "dites lui ce que vous pensez", "lui dire ce que vous pensez",
    ),
    _F.SELF_HARM: (
        "envie de mourir", "envie de crever", "me suicider", "suicider", "suicide", "suicidaire", "me tuer",
        "me foutre en l air", "en finir", "mettre fin a mes jours", "mettre fin a ma vie", "plus envie de vivre",
        "veux plus vivre", "veux mourir", "je veux disparaitre", "disparaitre pour toujours", "me scarifier",
        "scarif*", "me couper", "je me coupe", "je me suis coupe", "je me suis coupee", "lames", "lame de rasoir",
        "me pendre", "sauter du pont", "sauter par la fenetre", "me jeter sous", "prendre tous mes cachets",
        "avale des cachets", "pris des cachets", "j ai pris des cachets", "overdose", "sert a rien de vivre",
        "personne me regrettera", "personne ne me regrettera", "mieux sans moi", "lettre d adieu",
        "dire adieu", "adieu a tous", "j en peux plus de vivre", "je sers a rien", "je merite pas de vivre",
        "je me fais du mal", "me faire du mal", "automutil*", "ce soir c est la fin", "c est la fin pour moi",
        "plus la force", "j ai plus la force",
    ),
    _F.HYPERBOLE: (
        "mourir de rire", "mort de rire", "morte de rire", "je meurs", "jpp", "mdr", "ptdr", "xptdr", "lol",
        "de honte", "de faim", "de chaud", "de froid", "d ennui", "la honte", "me tuer a la tache",
        "tuer le temps", "jeu video", "dans le film", "dans la serie", "le personnage", "mdrr", "jrigole",
        "je rigole", "je plaisante", "😂", "🤣", "suicide squad", "prevention du suicide",
    ),
    _F.BANTER: (
        "mdr", "ptdr", "xptdr", "lol", "jrigole", "je rigole", "je plaisante", "jpp", "hihi", "haha", "hahaha",
        "mdrr", "ahah", "ahahah", "xd", "frero", "frerot", "mon reuf", "ma belle", "mon pote", "ma soeur",
        "en vrai", "trop fort", "trop drole", "t es trop", "je t aime", "frr", "frere", "au 1v1", "en 1v1",
        "sur le terrain", "au foot", "a la play", "a fortnite", "la revanche", "t es pardonne",
    ),
    _F.AMBUSH: (
        "guet apens", "guetapens", "piege", "pieger", "on va le pieger", "on va la pieger", "faux profil",
        "faux compte", "fake profil", "fake compte", "appat", "on va le choper", "on va le chopper",
        "on va lui tendre", "on le defonce", "on le tabasse", "on le filme", "on va le filmer",
        "on va l humilier", "on lui prend", "on lui pique", "on le depouille", "depouiller", "racketter",
        "racket", "on va le racketter", "le faire venir", "la faire venir", "il viendra seul", "elle viendra seule",
        "il se doute de rien", "il va rien capter", "il va rien comprendre", "on sera plusieurs", "on sera cinq",
        "on sera 4", "on sera 5", "ramene ton tel", "ramene ta carte", "ramene du cash", "ramene de l argent",
        "avec ton argent", "on le recoit", "on va l attendre", "on l attend", "on va bien rire", "ca va etre drole",
        "chasse aux pd", "chasser du pd", "taper du pd", "casser du pd", "lui faire peur", "le faire flipper",
        "les pd du site", "un pd du site",
    ),
    _F.ISOLATED_PLACE: (
        "derriere le gymnase", "derriere le stade", "derriere le centre", "parking", "parking souterrain",
        "sous le pont", "terrain vague", "foret", "bois", "dans les bois", "chantier", "hangar", "entrepot",
        "cage d escalier", "sous sol", "cave", "parc la nuit", "au parc ce soir", "coin tranquille",
        "endroit tranquille", "endroit isole", "personne nous verra", "personne nous derangera", "a l ecart",
        "au fond du parc", "le quai", "les quais", "zone industrielle", "a la zone", "abribus", "lac la nuit",
        "bord du canal", "pres des voies", "usine desaffectee", "batiment abandonne",
    ),
    _F.COME_ALONE: (
        "viens seul", "viens seule", "viens tout seul", "viens toute seule", "venez seul", "sois seul",
        "sois seule", "tu viens seul", "tu viens seule", "seul hein", "seule hein", "sans tes potes",
        "sans tes amis", "sans personne", "dis a personne que tu viens", "dis a personne ou tu vas",
        "eteins ton telephone", "eteins ton portable", "laisse ton telephone",
    ),
    _F.REPORTED: (
        "traite de", "m a traite", "m ont traite", "l a traite", "ils m ont dit", "il m a dit", "elle m a dit",
        "on m a dit", "il a dit", "elle a dit", "ils disent", "ils ont ecrit", "il a ecrit", "comment on signale",
        "je signale", "signale le", "signalez", "c est pas ok de dire", "on dit pas", "faut pas dire", "arrete de dire",
        "pas normal de dire", "inacceptable", "c est homophobe", "c est raciste", "c est sexiste", "c est transphobe",
        "c est antisemite", "propos haineux", "n importe quoi de dire", "dire que les", "ceux qui disent",
        "les gens qui disent", "quand on dit", "quand tu dis", "si quelqu un dit", "qui ecrit",
    ),
    _F.PROMO: (
        "gagne", "gagnez", "gagner de l argent", "argent facile", "gratuit", "gratuits", "gratuitement",
        "offert", "offerte", "clique", "cliquez", "clic", "lien en bio", "lien dans ma bio", "code promo",
        "promo", "reduction", "abonne toi", "abonnez vous", "followers", "abonnes gratuits", "likes gratuits",
        "crypto", "bitcoin", "btc", "investis", "investissez", "investissement", "trading", "forex",
        "rendement", "double ton argent", "multiplie", "cadeau", "concours", "jeu concours", "tirage au sort",
        "inscris toi", "inscrivez vous", "rejoignez", "rejoins", "serveur", "boutique", "site officiel",
        "livraison gratuite", "www", "http", "https", "com", "bit ly", "linktr ee", "tinyurl", "mon site",
        "ma chaine", "vues", "robux gratuits", "v bucks gratuits", "vbucks gratuits", "carte cadeau",
        "offre", "offre speciale", "exclusif", "exclusive", "places limitees", "derniere chance", "visitez",
        "recrute", "recrutement", "travail a domicile", "par jour depuis chez", "sans diplome",
    ),
    _F.PROMO_CALL: (
        "clique", "cliquez", "clic", "lien en bio", "lien dans ma bio", "code promo", "abonne toi",
        "abonnez vous", "inscris toi", "inscrivez vous", "rejoignez", "rejoins", "serveur", "boutique",
        "site officiel", "www", "http", "https", "com", "bit ly", "linktr ee", "tinyurl", "mon site",
        "ma chaine", "visitez", "recrute", "recrutement", "followers", "abonnes gratuits", "likes gratuits",
        "crypto", "bitcoin", "btc", "investis", "investissez", "trading", "forex", "livraison gratuite",
        "places limitees", "derniere chance", "offre speciale", "reclamez", "reclame le", "recuperez",
        "felicitations", "vous avez ete selectionne", "tu as ete selectionne", "vous avez gagne", "tu as gagne",
        "gagnant", "gagnante", "entre ton pseudo", "ton mot de passe", "votre mot de passe",
    ),
}  # fmt: skip


def _entry_key(entry: str) -> tuple[str, bool]:
    prefix = entry.endswith("*")
    folded = fold(entry.rstrip("*"))
    return folded, prefix


@lru_cache(maxsize=1)
def _owner() -> int:
    # The lexicon's owner number in the shared scan, its entries registered on first use (folding every
    # entry takes a few milliseconds): each key is a whole word or a prefix, padded with spaces.
    table: dict[str, set[Feature]] = {}
    for feature, entries in LEXICON.items():
        for entry in entries:
            folded, prefix = _entry_key(entry)
            if not folded:
                continue
            key = " " + folded + ("" if prefix else " ")
            table.setdefault(key, set()).add(feature)
    return SHARED_SCAN.register({key: (key, frozenset(feats)) for key, feats in table.items()})


def _entries(text: str) -> list[tuple[int, str, frozenset[Feature]]]:
    # The lexicon entries found in ``" " + text + " "``: (end index there, key, features), in scan order.
    owner = _owner()
    out: list[tuple[int, str, frozenset[Feature]]] = []
    for end, payloads in SHARED_SCAN.hits(text):
        for who, payload in payloads:
            if who == owner:
                key, feats = cast("tuple[str, frozenset[Feature]]", payload)
                out.append((end, key, feats))
    return out


def features(text: str) -> dict[Feature, int]:
    """Count the lexicon features in a folded text (whole-word or prefix matches)."""
    found: dict[Feature, int] = {}
    if not text:
        return found
    for _end, _key, feats in _entries(text):
        for feature in feats:
            found[feature] = found.get(feature, 0) + 1
    return found


# Prices are only ever tested for presence. The look-aheads restate the first character and the digit runs
# are possessive (a shorter run leaves a digit next, which nothing after the run accepts): neither changes
# whether a text matches (``tests/safety/test_fast_paths.py``), and a long number is not re-scanned.
_PRICE = re.compile(
    r"(?=[\d€])(?:\b\d++(?:[.,]\d+)?\s?(?:€|eur|euro|euros|balles|boules)(?!\w)|\b\d{2,}+e\b|€\s?\d+)"
)
_CODED_PRICE = re.compile(
    r"(?=\d)\b\d++(?:[.,]\d+)?\s?(?:g|gr|gramme|grammes|pochon|pochons|bar|barrette|barrettes|p|pilule|pilules|cachet)"
    r"\s?(?:a|=|pour|le|les|:|-)?\s?\d+(?:[.,]\d+)?\s?(?:e|€|eur|euros|balles|boules)?\b"
)
# Exact pre-checks, cheaper than the patterns: every price needs "€", "eur", "balles", "boules" or a digit
# right before an "e" ("20e"); every coded price a digit, maybe a space, then a unit's first letter
# (``\d\s?[bcgp]``). On ASCII text both are looked for after one byte table (digits to "0", white space
# to " ", the unit letters to "b"), with ``in`` at memory speed instead of a regex step per character.
_DIGIT_E = re.compile(r"\de")
_CODED_HINT = re.compile(r"\d\s?[bcgp]")
_HINT_TABLE = bytes(
    48 if chr(c).isdigit() else 32 if chr(c).isspace() else 98 if chr(c) in "bcgp" else c for c in range(256)
)


def _has_price(text: str) -> bool:
    if "€" not in text and "eur" not in text and "balles" not in text and "boules" not in text:
        if text.isascii():
            if b"0e" not in text.encode("ascii").translate(_HINT_TABLE):
                return False
        elif _DIGIT_E.search(text) is None:
            return False
    return _PRICE.search(text) is not None


def _has_coded_price(text: str) -> bool:
    if text.isascii():
        hints = text.encode("ascii").translate(_HINT_TABLE)
        if b"0b" not in hints and b"0 b" not in hints:
            return False
    elif _CODED_HINT.search(text) is None:
        return False
    return _CODED_PRICE.search(text) is not None


_TIME_RATE = re.compile(
    r"\b(?:\d+\s?(?:min|mn|h))\s?(?:=|a|:|-)?\s?\d+\s?(?:e|€|euros|roses)\b|\b\d{2,}\s?roses?\b.{0,20}\b(?:\d+\s?(?:min|h)|nuit|heure)"
)
_DIGIT = re.compile(r"\d")
_ROSES = re.compile(
    r"\b\d+\s?roses?\b|\brose rose\b|\broses? (?:en liquide|en cash|la demi|l heure|de l heure)\b"
)
_FLOWERS = re.compile(
    r"\b(?:bouquet|bouquets|fleuriste|fleur|fleurs|saint valentin|jardin|rosier|rosiers|plante|plantes|vase|"
    r"tulipes?|petales?)\b"
)
_WINTER = re.compile(  # the look-ahead restates the first letter every alternative needs
    r"(?=\w)\b(?:neige|neig\w*|ski|skier|skis|poudreuse|flocons?|hiver|froid|glace|gel|verglas|montagne|piste|pistes|"
    r"station|luge|snowboard|bonhomme de neige|temperature|degres|meteo|noel)\b"
)
_WINTER_GATE = LiteralGate(_WINTER)  # exact: one of its words must be in the text (see prefilter)
_TIME_MENU = re.compile(r"\b\d+\s?(?:min|mn|minutes?)\s?(?:/|ou|-|,|et)?\s?\d+\s?h(?:eure)?s?\b")
# Money per meeting, evening or night: "300€ par rencontre", "100 la soirée", "50 pour l'aprem".
_PAID_MEETING = re.compile(
    r"\d\s?(?:€|e|eur|euros|balles|roses?)?\s(?:par|la|le|l|pour|chaque|pour la|pour une|pour l)\s"
    r"(?:rencontre|rencontres|soiree|soirees|nuit|nuits|heure|h|aprem|apres midi|seance|rdv|rendez vous|"
    r"moment|diner|week end|we|passe|fois)\b"
)
_SECOND_PERSON = re.compile(
    r"\b(?:t es|tu es|t etais|espece d|espece de|sale|toi|ta|ton|tes|te|t|vous etes|va)\b"
)


# Hate is often *talked about* without being done: first-person identity ("je suis gay et fier"), praise
# of a group, counter-speech that quotes or condemns, and negated attacks ("les trans ne sont pas malades").
_IDENTITY_WORDS = (
    "|".join(sorted(GROUP_WORDS, key=len, reverse=True)) + "|"
    r"gay|gays|homo|homos|homosexuel\w*|lesbienne\w*|bi|bisexuel\w*|trans|transgenre\w*|queer|lgbt\w*|"
    r"non binaire|noir|noire|noirs|noires|black|arabe|arabes|rebeu|beur|maghrebin\w*|juif|juive|juifs|juives|"
    r"musulman\w*|chretien\w*|asiatique\w*|chinois\w*|rom|roms|gitan\w*|migrant\w*|immigre\w*|"
    r"refugie\w*|femme|femmes|handicape\w*|autiste\w*|africain\w*|feministe\w*|athee\w*|pansexuel\w*|"
    r"asexuel\w*|intersexe\w*|metis\w*|tzigane\w*"
)
_SELF_IDENTITY = re.compile(
    r"\b(?:je suis|j suis|moi|nous sommes|on est|en tant que|etre|suis)\s+(?:un |une |des |fier d etre |fiere d etre )?"
    r"(?:" + _IDENTITY_WORDS + r")\b|\bmon (?:coming out|copain|mari|pere|frere|fils|ami|meilleur ami)\b|"
    r"\bma (?:copine|femme|mere|soeur|fille|amie|meilleure amie)\b"
)
_POSITIVE = re.compile(
    r"\b(?:fier|fiere|fiers|fieres|fierte|respect|respecte\w*|merite\w*|droit|droits|egaux|egales|egalite|"
    r"bienvenue?s?|soutien\w*|soutenir|soutiens|aime|aimons|adore|adorons|admire\w*|geniaux|genial|geniale\w*|"
    r"formidable\w*|merveilleu\w*|magnifique\w*|courageu\w*|precieu\w*|humains?|humaines?|important\w*|"
    r"valent|beaux|belles?|intelligent\w*|talentueu\w*|incroyable\w*|heureu\w*|amour|protege\w*|proteger|"
    r"defendre|inclusi\w*|accueillir|accepter|accepte\w*|celebr\w*|gentil\w*|adorable\w*|brillant\w*|"
    r"capables?|forts?|fortes?|valeur|chance|richesse|normaux|normales?|legitimes?|dignes?)\b"
)
_NEGATION = re.compile(r"\b(?:ne|n)\b|\bpas\b|\bjamais\b|\bplus\b|\baucune?\b|\brien\b")
# Words that deny what follows within a few words ("ne sont pas malades", "jamais dangereux", "aucun ... ne
# mérite d'être ..."); "plus" is left out ("plus violents" compares) and so is "rien" ("rien de plus horrible");
# restrictive "ne ... que" is told apart by ``_PSEUDO_NEGATION``.
_DENIAL_CUES = frozenset(("ne", "n", "pas", "jamais", "aucun", "aucune", "ni", "nullement"))
_DENIAL_SCOPE = 3
# Negations that assert instead: restrictive "ne ... que" ("ne sont que des ordures", "rien qu'une"),
# "rien de plus/d'autre que", the tag question "n'est-ce pas".
_PSEUDO_NEGATION = re.compile(
    r"\b(?:n est ce pas|n est il pas|n est elle pas|ne sont ils pas|rien de plus|rien d autre|rien qu|"
    r"(?:ne|n) \w+ (?:rien )?qu)"
)
# A positive word undone by what surrounds it: "sans valeur", "valent moins que", "refusent de respecter".
_POSITIVE_UNDONE = re.compile(r"\b(?:sans|moins|refus\w*|manque de|indigne\w*)\b")
_COUNTER = re.compile(
    r"\b(?:homophob\w*|raciste\w*|racisme|transphob\w*|antisemit\w*|sexiste\w*|sexisme|misogyn\w*|"
    r"xenophob\w*|islamophob\w*|haineu\w*|discrimin\w*|inacceptable\w*|intolerable\w*|"
    r"degueulasse de dire|arrete de|arretez de|on dit pas|on ne dit pas|faut pas dire|ne dis pas|dis pas ca|"
    r"tu peux pas dire|pourquoi tu dis|comment tu peux dire|comment peux tu|dire que|disent que|dit que|"
    r"ecrit que|ecrire que|a ecrit|ont ecrit|en disant|quand tu dis|quand on dit|ceux qui disent|les gens qui disent|"
    r"traite de|traitee de|traites de|m a traite\w*|m ont traite\w*|signale\w*|cite\w*|citation|"
    r"c est faux|c est pas vrai|n importe quoi|cliche\w*|prejuge\w*|stereotype\w*|"
    r"pas d accord|je ne suis pas d accord|tu as tort|t as tort|ca me choque|ca me degoute que|"
    r"denonc\w*|combattre|lutter contre|lutte contre|doit cesser|doivent cesser|stop a la|halte a|"
    r"non a la haine|honte a ceux|ceux qui insultent|ceux qui traitent|menacer de|menaces de mort|"
    r"en prison|porter plainte|puni par la loi|punis par la loi|c est un delit|insister sur le fait que|"
    r"pretendre que|tu penses vraiment que|tu crois vraiment que|vous croyez vraiment que)\b|"
    r"\b(?:traiter|traitez|traitent|traitant) (?:\w+ ){0,3}(?:de|d|des)\b|"  # "traiter les gens de ...": reported
    r"\b(?:appeler|appelez|appelle|appellent) (?:les gens|quelqu un|des gens|une personne|les autres) (?:de|d|des)\b"
)
# "Les X (comme vous) sont ...", "les X me ...": a statement about a whole group; the attribute must follow within
# ``_ATTRIBUTE_WINDOW`` words (see :func:`_generalised_attack`).
_GROUP_GENERALISATION = re.compile(
    r"\b(?:les|ces|des|tous les|toutes les|vous les)\s+(?:" + _IDENTITY_WORDS + r")\s+"
    r"(?:[a-z]+\s+){0,3}?(?:sont|c est|ca reste|restent|seront|ont toujours ete|etes|me|nous)\b"
)
_ATTRIBUTE_WINDOW = 5
# A group's judgement of the speaker or the listener: "les femmes me trouvent nul", "les X nous prennent
# pour des idiots", "les X te jugent moche". The attribute that follows the verb is the speaker's or the
# listener's, not the group's (see :func:`_judges_a_person`).
_GROUP_JUDGES = re.compile(
    r"\b(?:les|ces|des|tous les|toutes les)\s+(?:" + _IDENTITY_WORDS + r")\s+(?:[a-z]+\s+){0,2}?"
    r"(?:me|m|nous|te|t|vous)\s+(?:trouve|trouvent|trouvaient|trouvez|juge|jugent|jugeaient|prend|prennent|"
    r"prenaient|considere|considerent|consideraient|voit|voient|voyaient|croit|croient|croyaient|regarde|"
    r"regardent|appelle|appellent|qualifie|qualifient)\b"
)
_WORDS_AFTER = re.compile(rf"(?:\s*\S+){{1,{_ATTRIBUTE_WINDOW}}}")
# Profanity bound to a group's name: "putain de X", "espèce de X", "X de merde".
_GROUP_NAMES = "|".join(sorted(GROUP_WORDS, key=len, reverse=True))
_PROFANE_GROUP = re.compile(
    rf"\b(?:putain|putains|espece|especes|race|saloperie|connard|connards|enfoire|enfoires|batard|batards)"
    rf" (?:de|d|des) (?:{_GROUP_NAMES})\b|\b(?:{_GROUP_NAMES}) (?:de merde|a la con|de mes deux)\b"
)
_QUOTED = re.compile(r"[\"«“”]|(?:^|\s)'[^']{6,}'")
# Violence done to someone: with a group named and no negation, an attack on the group ("je vais
# poignarder un ...", "qu'on les abatte tous").
_GROUP_VIOLENCE = re.compile(
    r"\b(?:tuer|tuez|poignarder|abattre|abattus|abattues|egorger|etrangler|pendre|bruler|gazer|exterminer|"
    r"extermines|massacrer|violer|fusiller|lyncher|executer|executes|tirer dessus|faire souffrir|"
    r"voir souffrir|mettre fin a la vie|briser|frapper|tabasser|buter|crever|mourir|souffrir|"
    r"noyer|decapiter|eliminer|assassiner|torturer|trancher la gorge|tirer sur|une balle dans|"
    r"tirer une balle)\b"
)
# A call for violence in the passive ("ils devraient tous être tués", "qu'ils soient abattus"): the
# participle alone is also news ("des migrants tués en mer"), so an obligation or a wish must govern it.
_CALL_FOR_VIOLENCE = re.compile(
    r"\b(?:(?:devraient|doivent|devrait|doit|meritent d|merite d|meriteraient d|faudrait|faut)\s+(?:\w+\s+){0,2}"
    r"etre|(?:que|qu)\s+(?:\w+\s+){0,4}(?:soient|soit))\s+(?:\w+\s+)?"
    r"(?:tues|tuees|tue|tuee|abattus|abattues|extermines|exterminees|massacres|massacrees|executes|executees|"
    r"elimines|eliminees|pendus|pendues|brules|brulees|gazes|gazees|fusilles|fusillees|lynches|lynchees|"
    r"egorges|egorgees|tortures|torturees|assassines|assassinees|noyes|noyees|enfermes|enfermees)\b"
)
_VIOLENCE = re.compile(
    r"\b(?:tuer|tue|tuez|crever|crevez|creve|mourir|meurent|bruler|brulez|gazer|frapper|tabasser|defoncer|"
    r"exterminer|pendre|massacrer|violer|eliminer|expulser|virer|degager|dehors|souffrir|souffrent|"
    r"souffrez|crevent|disparaitre|aneantir|poignarder|abattre|egorger|etrangler|fusiller|lyncher|executer|"
    r"tirer dessus)\b"
)


# Talk about hate needs a group, a slur, an insult or a condemnation in the lexicon.
_HATE_TALK_FEATURES = frozenset(
    {
        Feature.IDENTITY,
        Feature.SLUR,
        Feature.INSULT,
        Feature.DEHUMANISE,
        Feature.NEG_ATTRIBUTE,
        Feature.HATE_VERB,
        Feature.REPORTED,
    }
)

_ATTACK_FEATURES = frozenset(
    {
        Feature.SLUR,
        Feature.INSULT,
        Feature.DEHUMANISE,
        Feature.NEG_ATTRIBUTE,
        Feature.HATE_VERB,
        Feature.THREAT,
        Feature.BLACKMAIL,
    }
)
_PROFANITY = re.compile(r"\b(?:putain|put1|merde|bordel|chier|foutre|bande de|ces|de merde)\b")

#: How much a message that names a group without any attack word must convince: the combined hate score
#: ``s`` becomes ``(s - d) / (1 - d)``, so only a confident model still warns or blocks.
_GROUP_ONLY_DOUBT = 0.6

#: The score a category is capped at when a message only talks about it (below every warn threshold).
_TALK_CAP = 0.3


_NEGATIVE_FEATURES = frozenset({Feature.DEHUMANISE, Feature.INSULT, Feature.NEG_ATTRIBUTE})


def _negatives_all_denied(text: str) -> bool:
    """Whether every negative word of ``text`` (dehumanising, insult, negative attribute) follows a denial
    within a few words: "les trans ne sont pas malades" yes; "ne sont pas humains, juste des parasites",
    "n'ont pas leur place" (the negation is the attack itself) and "ne sont que des ordures" no."""
    if _PSEUDO_NEGATION.search(text):
        return False
    padded = " " + text + " "
    denied = 0
    for end, key, feats in _entries(text):
        if feats.isdisjoint(_NEGATIVE_FEATURES):
            continue
        words = key.split()
        if words[0] in _DENIAL_CUES:
            return False  # "pas leur place", "aucune place": the denial is part of the attack
        before = padded[: end - len(key) + 1].split()[-_DENIAL_SCOPE:]
        if "mais" in before:  # "pas stupides mais violents": the denial stops at "mais"
            before = before[len(before) - before[::-1].index("mais") :]
        if _DENIAL_CUES.isdisjoint(before):
            return False
        denied += 1
    return denied > 0


def _generalised_attack(text: str) -> bool:
    """Whether a negative attribute or an insult follows a statement about a whole group within a few words
    ("les X sont vraiment tous des voleurs"; not "les X sont arrivés hier, le passeur était violent")."""
    for match in _GROUP_GENERALISATION.finditer(text):
        window = " ".join(text[match.end() :].split()[:_ATTRIBUTE_WINDOW])
        found = features(window)
        if Feature.NEG_ATTRIBUTE in found or Feature.INSULT in found:
            return True
    return False


def _judges_a_person(text: str) -> bool:
    """Whether every negative word of ``text`` (an insult, a negative attribute) is the attribute of a
    group's judgement of the speaker or the listener, within ``_ATTRIBUTE_WINDOW`` words of its verb ("les
    femmes me trouvent nul"). A dehumanising word is never such an attribute."""
    windows: list[tuple[int, int]] = []
    for match in _GROUP_JUDGES.finditer(text):
        after = _WORDS_AFTER.match(text, match.end())
        if after is not None:
            windows.append((match.end(), after.end()))
    if not windows:
        return False
    negatives = 0
    for end, key, feats in _entries(text):
        if feats.isdisjoint(_NEGATIVE_FEATURES):
            continue
        if Feature.DEHUMANISE in feats:
            return False
        # ``end`` indexes the key's last character in " " + text + " " (the key is " word " or, for a
        # prefix, " word"): the word spans [stop - len(word), stop) in ``text``.
        stop = end - 1 if key.endswith(" ") else end
        start = stop - len(key.strip())
        if not any(first <= start and stop <= last for first, last in windows):
            return False
        negatives += 1
    return negatives > 0


def _talks_about_hate(found: dict[Feature, int], text: str, raw: str) -> bool:
    """Whether a message names a group without attacking it: identity, praise, counter-speech, negation."""
    counter = bool(_COUNTER.search(text)) or Feature.REPORTED in found or bool(_QUOTED.search(raw))
    if counter:
        return True
    if Feature.SLUR in found or Feature.HATE_VERB in found or _VIOLENCE.search(text):
        return False
    negated = bool(_NEGATION.search(text))
    negative = not found.keys().isdisjoint(_NEGATIVE_FEATURES)
    if negative and _judges_a_person(text):
        return True  # "les femmes me trouvent nul": the group judges the speaker, it is not attacked
    if negated and negative and _negatives_all_denied(text):
        return True  # "les trans ne sont pas malades"
    if negated:
        return False  # "les gays ne sont pas humains" / "ne méritent pas le respect" stay with the model
    if _SELF_IDENTITY.search(text):
        return True
    return not negative and bool(_POSITIVE.search(text)) and _POSITIVE_UNDONE.search(text) is None


def _names_group_only(found: dict[Feature, int], text: str) -> bool:
    """Whether a message names a group with no attack word, negation or violence the lexicon knows."""
    if Feature.IDENTITY not in found or not found.keys().isdisjoint(_ATTACK_FEATURES):
        return False
    return (
        _NEGATION.search(text) is None and _VIOLENCE.search(text) is None and _PROFANITY.search(text) is None
    )


def _noisy_or(values: Iterable[float]) -> float:
    rest = 1.0
    for value in values:
        rest *= 1.0 - min(1.0, max(0.0, value))
    return 1.0 - rest


def _combine(found: dict[Feature, int], text: str, ctx: ConversationContext) -> dict[Category, float]:
    def has(feature: Feature) -> bool:
        return feature in found

    scores: dict[Category, float] = {}
    digits = _DIGIT.search(text) is not None  # every price pattern needs a digit: skip them otherwise
    price = digits and _has_price(text)
    coded = digits and _has_coded_price(text)
    flowers = "rose" in text and _FLOWERS.search(text) is not None
    roses = "rose" in text and not flowers and _ROSES.search(text) is not None  # "100 roses": escort money
    price = price or roses

    # Searched only when a rule below needs them (most messages have no escort or sex word).
    def rate() -> bool:
        return digits and _TIME_RATE.search(text) is not None

    def menu() -> bool:  # "30min/1h": a menu of durations
        return digits and _TIME_MENU.search(text) is not None

    # Drugs: a name alone is news talk; with a sale, a price or dealing jargon it is a deal.
    if has(Feature.DRUG_TRADE) or (coded and has(Feature.DRUG)):
        scores[Categories.DRUGS] = 0.9
    elif has(Feature.DRUG) and (has(Feature.SALE) or price or coded):
        scores[Categories.DRUGS] = 0.8
    elif has(Feature.DRUG):
        scores[Categories.DRUGS] = 0.25
    elif coded:
        scores[Categories.DRUGS] = 0.5
    # Prostitution: escort words with a price, a rate or availability; sex with a price.
    escort = found.get(Feature.ESCORT, 0)
    if escort and (price or has(Feature.SALE) or rate()):
        scores[Categories.PROSTITUTION] = 0.6 + min(0.35, 0.15 * escort)
    elif ((has(Feature.SEX) or has(Feature.SEX_STRONG)) and (price or rate())) or (
        (price or has(Feature.SALE) or "rose" in text) and menu()
    ):
        scores[Categories.PROSTITUTION] = 0.75  # sex with a price, or a menu of durations with prices
    elif price and _PAID_MEETING.search(text):
        scores[Categories.PROSTITUTION] = 0.75 if (has(Feature.SEX) or "hotel" in text) else 0.55
    elif escort >= 2:
        scores[Categories.PROSTITUTION] = 0.5
    elif escort:
        scores[Categories.PROSTITUTION] = 0.2
    # Sexual content involving minors.
    if has(Feature.CSAM):
        scores[Categories.SEXUAL_MINORS] = 0.95
    elif has(Feature.SEX_STRONG) and (has(Feature.MINOR_REF) or ctx.minor_involved):
        scores[Categories.SEXUAL_MINORS] = 0.85 if ctx.adult_to_minor or has(Feature.MINOR_REF) else 0.6
    elif has(Feature.SEX) and ctx.adult_to_minor:
        scores[Categories.SEXUAL_MINORS] = 0.5
    elif has(Feature.SEX) and (has(Feature.MINOR_REF) or ctx.minor_involved):
        scores[Categories.SEXUAL_MINORS] = 0.3
    # Hate: slurs, or a group named together with dehumanising words or hate verbs.
    hate = 0.0
    if has(Feature.SLUR):
        hate = 0.85
    if (
        (has(Feature.NEG_ATTRIBUTE) or has(Feature.INSULT))
        and not _NEGATION.search(text)
        and _generalised_attack(text)
    ):
        hate = max(hate, 0.7)  # "les X sont (tous) des voleurs", "les X comme vous sont immondes"
    if has(Feature.IDENTITY) and has(Feature.DEHUMANISE):
        hate = max(hate, 0.8)
    if (
        has(Feature.IDENTITY)
        and (_GROUP_VIOLENCE.search(text) or _CALL_FOR_VIOLENCE.search(text))
        and not _NEGATION.search(text)
    ):
        hate = max(hate, 0.75)
    if has(Feature.IDENTITY) and _PROFANE_GROUP.search(text):
        hate = max(hate, 0.8)
    if has(Feature.HATE_VERB) and (has(Feature.IDENTITY) or has(Feature.SLUR)):
        hate = max(hate, 0.85)
    elif has(Feature.HATE_VERB):
        hate = max(hate, 0.4)
    if hate and has(Feature.REPORTED):
        hate = min(hate, 0.35)  # quoting or condemning hate is counter-speech
    if hate:
        scores[Categories.HATE] = hate
    # Harassment: threats, blackmail, insults aimed at "you".
    harass = 0.0
    if has(Feature.THREAT):
        harass = 0.4 if has(Feature.BANTER) else 0.85
    if has(Feature.BLACKMAIL):
        harass = max(harass, 0.85)
    insults = found.get(Feature.INSULT, 0)
    if insults:
        aimed = bool(_SECOND_PERSON.search(text)) or _vocative(text)
        value = (0.55 if aimed else 0.3) + 0.15 * min(insults - 1, 2)
        if has(Feature.BANTER):
            value -= 0.3
        harass = max(harass, value)
    if has(Feature.DOX):
        harass = max(harass, 0.85 if has(Feature.DOX_INFO) else 0.6)
    if hate >= 0.8 and _SECOND_PERSON.search(text):
        harass = max(harass, 0.75)  # a slur thrown at someone attacks that person too
    if harass > 0:
        scores[Categories.HARASSMENT] = harass
    # Self-harm, unless hyperbole ("mort de rire").
    if has(Feature.SELF_HARM):
        scores[Categories.SELF_HARM] = 0.25 if has(Feature.HYPERBOLE) else 0.85
    # Ambush: a plan to lure, or come-alone with an isolated place.
    ambush = 0.0
    if has(Feature.AMBUSH):
        ambush = 0.55 + 0.15 * min(found[Feature.AMBUSH] - 1, 2)
    if has(Feature.COME_ALONE) and has(Feature.ISOLATED_PLACE):
        ambush = max(ambush, 0.75)
    elif has(Feature.COME_ALONE) or (has(Feature.ISOLATED_PLACE) and Signal.MEETING in ctx.recent):
        ambush = max(ambush, 0.35)
    if ambush:
        scores[Categories.AMBUSH] = min(1.0, ambush)
    # Spam: ads and links.
    promo = found.get(Feature.PROMO, 0)
    if promo:
        scores[Categories.SPAM] = min(0.9, 0.25 * promo)
    return scores


def _combine_prices(text: str) -> dict[Category, float]:
    """What :func:`_combine` returns when the lexicon found no feature in ``text`` (a digit is required
    by every price pattern): only the rules on prices alone can fire, so only their patterns are searched.
    """
    scores: dict[Category, float] = {}
    price = _has_price(text)
    if "rose" in text and _FLOWERS.search(text) is None and _ROSES.search(text) is not None:
        price = True
    if _has_coded_price(text):
        scores[Categories.DRUGS] = 0.5
    if (price or "rose" in text) and _TIME_MENU.search(text) is not None:
        scores[Categories.PROSTITUTION] = 0.75
    elif price and _PAID_MEETING.search(text):
        scores[Categories.PROSTITUTION] = 0.75 if "hotel" in text else 0.55
    return scores


# Name-calling nouns that are insults in every sense (not "mongol", "attardé", "débile", "crève", which are
# also a people, a verb, an adjective of things, tiredness), and insults that carry their "te" ("tencule").
_VOCATIVES = frozenset(
    [
        "connard", "connasse", "conasse", "connase", "conard", "salope", "salopes", "pute", "putes",
        "batard", "batarde", "batar", "enfoire", "enfoiree", "encule", "bouffon", "bouffonne", "bouffone",
        "boloss", "bolosse", "bolos", "petasse", "pouffiasse", "grognasse", "trainee", "tocard", "tocarde",
        "salopard", "salaud", "fdp", "abruti", "abrutie", "cretin", "cretine", "teube", "cassos", "raclure",
        "baltringue", "merdeux", "merdeuse", "gogol", "triso", "tencule", "jtencule",
    ]
)  # fmt: skip


def _vocative(text: str) -> bool:
    # A name-calling noun that opens or closes the message addresses someone ("ok connasse", "bouffon
    # va"), as "t'es", "espèce de" or "sale" do. Only asked when the message has an insult and no such word.
    first, _, rest = text.partition(" ")
    return first in _VOCATIVES or rest.rpartition(" ")[2] in _VOCATIVES


_OFFER_CAP = 0.3
_WEB_ADDRESS = re.compile(r"https?://|www\.|\b[\w-]{2,}\.[a-z]{2,6}\b", re.IGNORECASE)
_NOTHING = Score(detector="lexicon")


class LexiconDetector:
    """Scores drugs, prostitution, sexual content with minors, hate, harassment, self-harm, ambush and
    spam from the curated lexicon's features and the context; emits ``SEXUAL`` for the state."""

    name = "lexicon"

    def score(self, message: NormalizedMessage, ctx: ConversationContext) -> Score:
        """Category scores in [0, 1] from the features of the folded text."""
        text = message.text[:4000]
        found = features(text)
        if found:
            scores = _combine(found, text, ctx)
        elif _DIGIT.search(text) is None:
            return _NOTHING  # no lexicon entry and no price: nothing to combine
        else:
            scores = _combine_prices(text)
        if (
            Categories.SPAM in scores
            and Feature.PROMO_CALL not in found
            and scores[Categories.SPAM] > _OFFER_CAP
            and _WEB_ADDRESS.search(message.raw) is None
        ):
            # An ad asks everyone to click, follow, join, claim or visit; an offer to one person with none
            # of that ("je t'offre une carte cadeau") is not spam (as grooming, its gift stage is judged).
            scores[Categories.SPAM] = _OFFER_CAP
        signals = (
            frozenset({Signal.SEXUAL})
            if (Feature.SEX in found or Feature.SEX_STRONG in found)
            else frozenset()
        )
        caps: dict[Category, float] = {}
        if not found.keys().isdisjoint(_HATE_TALK_FEATURES) and _talks_about_hate(found, text, message.raw):
            caps[Categories.HATE] = _TALK_CAP
            if not (Feature.THREAT in found or Feature.BLACKMAIL in found):
                caps[Categories.HARASSMENT] = _TALK_CAP
            for category in (Categories.HATE, Categories.HARASSMENT):
                if category in caps and scores.get(category, 0.0) > caps[category]:
                    scores[category] = caps[category]
        if (
            Feature.DRUG_TRADE not in found
            and Feature.SALE not in found
            and _WINTER_GATE.may_match(text)
            and _WINTER.search(text) is not None
            and not _has_price(text)
        ):
            caps[Categories.DRUGS] = _TALK_CAP  # ❄️ next to snow, skiing or the cold is weather, not cocaine
            if scores.get(Categories.DRUGS, 0.0) > _TALK_CAP:
                scores[Categories.DRUGS] = _TALK_CAP
        if "rose" in text and _FLOWERS.search(text):
            caps[Categories.PROSTITUTION] = _TALK_CAP  # roses at the florist's are flowers, not escort money
            if scores.get(Categories.PROSTITUTION, 0.0) > _TALK_CAP:
                scores[Categories.PROSTITUTION] = _TALK_CAP
        doubts: dict[Category, float] = {}
        if Categories.HATE not in caps and Categories.HATE not in scores and _names_group_only(found, text):
            doubts[Categories.HATE] = _GROUP_ONLY_DOUBT
        if not (scores or signals or caps or doubts):
            return _NOTHING  # the same empty answer, without building one more value
        return Score(detector=self.name, categories=scores, signals=signals, caps=caps, doubts=doubts)
