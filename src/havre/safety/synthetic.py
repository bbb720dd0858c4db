"""A synthetic training corpus of French chat conversations, written for Havre (not copied from anywhere).

Provenance: every line below was written by the Havre safety team from general knowledge of how French
chat looks (teen and adult rooms, private conversations) and of how grooming, pimping ads, drug menus,
ambushes ("guet-apens"), harassment, sextortion, self-harm and spam are written, and of the benign
conversations that resemble them (adults flirting, teenagers talking about school or games, swearing
banter, news talk about drugs, identity statements, counter-speech, someone asking an age in a dating room).
No line paraphrases the development set or any public data set.

:func:`generate` composes lines from the pools below into conversations in the format of
``shared/spec/safety-data.md`` (with ``message_labels`` on the lines that show a category), deterministically
for a given seed. The corpus only ever trains the linear models; in cross-validation it is added to the
training folds only. ``havre safety synth`` writes ``src/havre/safety/data/train_synthetic.jsonl``.
"""

# ruff: noqa: E501 -- phrase tables read best one line per phrase

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

__all__ = ["generate"]

_CITIES = (
    "Lyon",
    "Marseille",
    "Toulouse",
    "Lille",
    "Nantes",
    "Bordeaux",
    "Rennes",
    "Paris",
    "Nice",
    "Strasbourg",
    "Montpellier",
    "Grenoble",
    "Rouen",
    "Dijon",
    "Reims",
    "Angers",
    "Brest",
    "Tours",
    "Metz",
    "Amiens",
    "Saint-Denis",
    "Créteil",
    "Nanterre",
    "Villeurbanne",
    "Clermont",
)
_PSEUDOS = (
    "lea_dx",
    "titou93",
    "jul.b",
    "maxou_off",
    "sarah.lpz",
    "nino_38",
    "kenza.bz",
    "tom_rdx",
    "ines_kt",
    "yanis.off",
    "clem_2008",
    "luna_mrs",
    "enzo.vll",
    "chlo.e",
    "mehdi_13",
    "zoe.plt",
    "rayan_dz",
    "manon.lf",
    "theo_gg",
    "jade.mrl",
    "lucas_77",
    "camille_rs",
    "noah.b",
    "lina_off",
    "hugo.trn",
    "plug_officiel",
    "drive.lyon",
    "vip_girls",
    "sun_shop",
    "kevin.pro",
)
_LINK_HOSTS = (
    "bit.ly/3xQz",
    "tinyurl.com/gain",
    "cash-facile.shop",
    "robux-free.xyz",
    "promo-flash.store",
    "www.mon-site-pro.fr",
    "linktr.ee/",
    "free-vbucks.gg",
    "crypto-boost.io",
    "youtu.be/",
)
_FIRST_NAMES = (
    "Léa",
    "Tom",
    "Inès",
    "Yanis",
    "Chloé",
    "Lucas",
    "Sarah",
    "Nathan",
    "Jade",
    "Mehdi",
    "Zoé",
    "Hugo",
)
_DAYS = ("samedi", "dimanche", "mercredi", "vendredi soir", "demain", "ce soir", "ce week-end", "jeudi")
_HOURS = ("14h", "16h30", "18h", "20h", "21h", "22h", "23h", "17h")


def _phone(rng: random.Random) -> str:
    digits = [rng.choice("67")] + [str(rng.randrange(10)) for _ in range(8)]
    body = "".join(digits)
    style = rng.randrange(4)
    if style == 0:
        return "0" + body
    if style == 1:
        return "0" + " ".join([body[0]] + [body[i : i + 2] for i in range(1, 9, 2)])
    if style == 2:
        return "+33 " + " ".join([body[0]] + [body[i : i + 2] for i in range(1, 9, 2)])
    return "0" + ".".join([body[0:1] + body[1:3], body[3:5], body[5:7], body[7:9]])


# -- grooming (adult → minor), in the order the stages usually come --------------------------------------

_G_OPEN = (
    "Salut, ça va ? Tu as l'air sympa sur ton profil.",
    "coucou toi 😊",
    "Bonsoir, je t'ai vu(e) dans le salon, tu écris bien.",
    "slt tu fais quoi de beau ce soir ?",
    "Hello, je peux te parler un peu ?",
    "Salut jeune homme, tu joues à quoi en ce moment ?",
    "Coucou, t'avais l'air triste dans le salon, ça va ?",
    "Salut ! Moi aussi j'adore ce groupe, tu les as vus en concert ?",
    "Bonjour, désolé de te déranger, tu es de quelle région ?",
    "hey, j'ai vu ton message sur le forum, t'as raison",
    "Salut, tu t'ennuies aussi ?",
    "Coucou ma belle, bien ou quoi ?",
)
_G_AGE = (
    "Tu as quel âge au fait ?",
    "t'as quel age ?",
    "Tu es en quelle classe ?",
    "tu es au collège ou au lycée ?",
    "et t'as quel âge toi ? j'aurais dit 17",
    "Tu es en 3e, c'est ça ?",
    "Tu fêtes tes combien cette année ?",
    "t'es née en quelle année ?",
    "Tu as quel âge, si ce n'est pas indiscret ?",
    "T'es encore au collège ?",
)
_M_AGE = (
    "{minor_age}",
    "{minor_age} ans",
    "{minor_age} et toi ?",
    "jsuis en 4e",
    "en seconde",
    "{minor_age} pk ?",
    "j'ai {minor_age} ans",
    "3e",
    "{minor_age} ans et toi",
)
_G_AGE_REPLY = (
    "Moi j'ai {adult_age} ans, mais l'âge ce n'est qu'un chiffre.",
    "j'ai {adult_age} mais dans ma tête j'en ai 18 mdr",
    "Je suis un peu plus vieux, ça ne te dérange pas ?",
    "L'âge on s'en fiche, ce qui compte c'est qu'on s'entende bien.",
    "Tu fais plus mature que ton âge.",
    "J'ai {adult_age} ans. Tu vois, je suis quelqu'un de normal.",
    "Ok ! Moi je suis plus grand, mais on peut être amis quand même.",
)
_G_RAPPORT = (
    "T'es vraiment mignonne sur ta photo.",
    "Tu es très mature pour ton âge.",
    "T'es pas comme les filles de ton âge, t'es plus intelligente.",
    "J'adore parler avec toi, tu me comprends vraiment.",
    "Tu as un sourire magnifique.",
    "t'es trop belle, tu dois avoir plein de mecs qui te tournent autour",
    "Tu es spéciale pour moi, tu sais.",
    "T'es un beau garçon, tu le sais ?",
    "Tu es en avance pour ton âge, ça se voit.",
    "Avec toi c'est différent, on a une vraie connexion.",
    "Tu es la personne la plus gentille que j'ai rencontrée ici.",
    "je pense à toi tout le temps depuis hier",
)
_G_ISOLATION = (
    "Tes parents ne te comprennent pas, moi si.",
    "les garçons de ton âge sont immatures, ils te méritent pas",
    "tes copines sont jalouses de toi, c'est tout.",
    "Moi je serai toujours là pour toi, pas comme eux.",
    "T'as pas besoin d'eux, tu m'as moi.",
    "personne te comprend comme moi",
    "Tes profs te prennent pour une gamine mais t'es une vraie femme.",
    "Tu peux tout me dire, je ne te jugerai jamais.",
    "Ta famille ne voit pas qui tu es vraiment.",
    "Ils sont injustes avec toi, moi je t'écoute.",
)
_G_SECRECY = (
    "Par contre ne dis rien à tes parents, ils ne comprendraient pas.",
    "c'est notre petit secret ok ?",
    "Efface nos messages après, s'il te plaît.",
    "Personne ne doit savoir qu'on se parle.",
    "si ta mère demande dis que c'est une copine",
    "supprime la conv quand t'as lu",
    "garde ça pour toi hein 🤫",
    "Ne parle pas de moi à tes amies, elles pourraient être jalouses.",
    "Tes parents doivent pas savoir, ils vont tout gâcher.",
    "Mets ton compte en privé, c'est mieux pour nous.",
    "On garde ça entre nous, d'accord ?",
    "Tu diras que tu dors chez une copine.",
)
_G_ALONE = (
    "T'es seule chez toi là ?",
    "tes parents rentrent à quelle heure ?",
    "Tu dors seule dans ta chambre ?",
    "Ta mère est là ce soir ?",
    "il y a quelqu'un avec toi ?",
    "Tes parents regardent ton téléphone ?",
    "t'as un verrou sur ta porte ?",
    "Tu es seul à la maison cet aprèm ?",
    "Tes parents travaillent tard le mercredi ?",
)
_G_GIFT = (
    "Je peux te payer ta recharge de forfait si tu veux.",
    "je t'offre des v-bucks si tu veux 😉",
    "Je t'achète les nouveaux écouteurs si t'es gentille.",
    "Tu veux une carte cadeau de 50€ ?",
    "Je te fais un virement pour ton anniversaire, donne-moi ton RIB.",
    "je te prends le pass de combat, cadeau",
    "Je t'envoie des robux, tu me diras merci après 😘",
    "Je t'ai acheté un petit cadeau, il faudra venir le chercher.",
    "Je te paie ton billet de train, t'inquiète.",
)
_G_MOVE = (
    "On serait mieux sur Snap pour parler, tu as quoi comme pseudo ?",
    "Viens sur Telegram, c'est plus discret.",
    "ajoute moi sur insta : {handle}",
    "Tu as WhatsApp ? Mon numéro c'est {phone}",
    "on passe en privé sur discord ? {handle}",
    "donne moi ton snap stp",
    "Installe Signal, les messages s'effacent tout seuls.",
    "Ajoute-moi sur Snap, c'est {handle}, ici c'est surveillé.",
    "Écris-moi au {phone}, ce sera plus simple.",
)
_G_PHOTO = (
    "Tu m'envoies une photo de toi ?",
    "montre moi ta tenue d'aujourd'hui",
    "envoie une photo en maillot de bain",
    "Tu as des photos de toi en pyjama ? 😏",
    "fais un selfie dans ton lit pour moi",
    "Allume ta cam, je veux voir si tu es aussi jolie en vrai.",
    "une petite photo rien que pour moi ?",
    "Envoie-moi une vidéo de toi qui danse.",
    "Montre-toi un peu, je veux voir ton visage.",
)
_G_SEXUAL = (
    "Tu as déjà embrassé un garçon ?",
    "t'es encore vierge ?",
    "Tu portes quoi comme culotte ?",
    "je pourrais t'apprendre des choses, des trucs d'adultes",
    "Ça te dirait de voir mon corps ?",
    "Tu te touches des fois le soir ?",
    "envoie une photo sans ton haut",
    "Je te montrerais comment faire l'amour doucement.",
    "j'ai envie de te faire des câlins partout",
    "montre tes seins juste une fois",
    "Tu as déjà vu un homme nu ?",
    "J'ai envie de toi, tu me rends fou.",
    "Tu fais quoi quand t'es seule dans ton lit ? 😏",
    "je bande en pensant à toi",
)
_G_MEET = (
    "On pourrait se voir {day}, je viens te chercher en voiture.",
    "je t'attends devant ton collège mercredi ?",
    "Tu habites où exactement ?",
    "viens chez moi, je te paie le train",
    "on se retrouve au parc après les cours ?",
    "Je passe te prendre à la sortie, dis à ta mère que tu vas chez une copine.",
    "On se voit en vrai quand tu veux, je suis pas loin de {city}.",
    "Je viendrai à {city} {day}, on prend un verre ?",
    "Je connais un endroit tranquille où personne ne nous dérangera.",
)
_M_REPLY = (
    "oui",
    "ok",
    "mdr",
    "jsp",
    "merci 😊",
    "ah bon ?",
    "pk ?",
    "ouais",
    "bof",
    "jsais pas trop",
    "mes parents sont au travail",
    "j'ai peur que ma mère voie",
    "d'accord",
    "c'est gentil",
    "hmm",
    "tu me gênes un peu là",
    "t'es bizarre",
    "ok si tu veux",
    "jsuis en cours là",
    "lol",
    "nn",
    "je sais pas si je peux",
    "ma mère regarde pas mon tel",
    "trop bien",
    "jsuis gênée",
    "c vrai ?",
    "pourquoi tu veux ça",
    "ouais chui seule",
    "euh",
    "c'est qui toi en vrai ?",
    "genre ?",
    "vas y",
    "non ça va",
    "j'ai pas le droit",
    "ok jvais voir",
    "😳",
)

# -- sexual content involving minors (outside a grooming dialogue) --------------------------------------

_SM_CSAM = (
    "qqn a des packs 13-15 ? je paie en PCS",
    "je cherche du contenu de jeunes, ptsc, écrivez en DM",
    "échange vidéos de petites sur telegram {handle}",
    "vends pack collégiennes nues 20€, dm",
    "Quelqu'un a des photos d'ados ? Je paie bien.",
    "j'ai des vidéos de jeunes de 14 ans, qui veut échanger ?",
    "cherche lolitas pour échange, telegram {handle}",
    "Je collectionne les photos de petites filles en maillot, qui partage ?",
    "pack ado dispo, 15 ans, 30 balles en crypto",
)
_SM_ADULT_WANTS_MINOR = (
    "je cherche une jeune de 15 ans pour des moments coquins",
    "j'aime les petites lycéennes, y en a ici ?",
    "Homme 45 ans cherche collégienne discrète pour plus si affinités.",
    "Les filles de 14 ans, venez en privé, je suis gentil 😏",
    "Y a des mineures chaudes ici ?",
    "Je préfère les jeunes, moins de 16 ans de préférence.",
    "qui a moins de 16 ans et veut gagner de l'argent avec des photos ?",
)
_SM_IN_MINORS_ROOM = (
    "qui veut parler de cul ici ? envoyez vos nudes les filles",
    "je suis chaud, qui veut faire un plan en cam ?",
    "les meufs de 15 ans envoyez vos photos en sous-vêtements",
    "Qui veut voir ma bite ? dm",
    "tu suces ? dis oui 😏",
    "les filles montrez vos seins en privé",
    "qui est vierge ici ? je peux aider mdr",
    "envoie des nudes sinon t'es une coincée",
    "Viens en cam toute nue, personne saura",
    "t'as des photos de toi à poil ?",
)
_SM_REACT = (
    "wtf",
    "t'es malade",
    "signalé",
    "dégage",
    "c'est grave ce que tu dis",
    "modo ??",
    "on est mineurs ici abruti",
    "ew",
    "ptn c'est des enfants",
    "quelqu'un le signale ?",
    "j'ai fait un screen",
    "n'importe quoi",
    "bloqué",
    "laisse les tranquilles",
)

# -- prostitution -------------------------------------------------------------------------------------

_P_AD = (
    "Nouvelle à {city} 🌹 Jolie étudiante 22 ans, disponible 7/7, 150 roses l'heure, appartement discret, contact {phone}",
    "💋 Massage complet avec finition, 80€ la demi-heure, je reçois ou je me déplace sur {city}",
    "Escort indépendante, GFE, sans tabou, tarifs en MP 😘",
    "Plan tarifé ce soir ? 100 la pipe, 200 l'heure, hôtel à {city}",
    "Jeunes filles de l'Est dispo hôtel {city}, forfaits 30min/1h/nuit, WhatsApp {phone}",
    "🔥 Sexy masseuse asiatique, nouvelle à {city}, 24h/24, appelle {phone}",
    "Transexuelle active/passive, de passage à {city}, 120 roses, discrétion assurée",
    "Jolie brune coquine vous reçoit dans un cadre discret, 100 la demi, 180 l'heure",
    "Dispo ce soir pour gentlemen généreux, écrivez-moi en privé 🌹",
    "Rencontres tarifées, étudiante 20 ans, déplacements possibles, snap {handle}",
)
_P_PIMP = (
    "Tu veux gagner 3000€ par semaine ? Je m'occupe de tout : appart, clients, sécurité, tu gardes 50%.",
    "Je recrute des meufs motivées pour faire des annonces, logement fourni.",
    "t'es belle, tu pourrais te faire de l'argent facile avec des mecs, je gère tout",
    "on partage moitié moitié, je ramène les clients",
    "J'ai des clients sérieux pour toi ce week-end, 5 passes et t'as ton loyer.",
    "Je te trouve un appart Airbnb, tu fais les rendez-vous, moi je poste les annonces.",
    "Les filles qui veulent faire de l'argent rapide venez en privé, 1000€ la semaine minimum.",
    "Tu bosses pour moi maintenant, tu me donnes la moitié de ce que tu gagnes.",
)
_P_BUY = (
    "Quelqu'un dispo ce soir pour un plan payant ? je donne 150",
    "combien pour la nuit ?",
    "tu fais quoi pour 100 balles ?",
    "c'est combien la passe ?",
    "je paie bien, discrétion assurée, qui est dispo ?",
    "Tu prends combien pour une heure ?",
    "je cherche une escort sur {city} ce soir, budget 200",
    "tu te déplaces à l'hôtel ? je paie en cash",
    "C'est combien sans capote ?",
)
_P_SUGAR_MINOR = (
    "Je cherche une sugar baby, je t'offre 300€ par mois pour des rencontres.",
    "je te donne 50€ si tu m'envoies des photos de toi",
    "Je peux te payer si tu viens me voir, 100€ juste pour un câlin.",
    "Tu veux de l'argent de poche ? Tu viens chez moi une heure et je te donne 200.",
)
_P_REACT = (
    "c'est interdit ici",
    "signalé",
    "t'es sérieux ?",
    "pas intéressée",
    "dégage",
    "encore ces annonces...",
    "modo svp",
    "non merci",
    "ça pue le réseau ça",
    "les filles sont sûrement pas libres",
    "beurk",
    "on est pas sur un site d'annonces",
)

# -- drugs --------------------------------------------------------------------------------------------

_D_MENU = (
    "🍃 Amnesia 10€/g 🍫 Filtré 80 le 10g ❄️ 70 le g, livraison {city} 7j/7, snap {handle}",
    "Menu du jour : beuh cali, jaune mousseux, 3mmc, taz 10€ pièce, drive ouvert 14h-2h",
    "Plug dispo sur {city}, tout ce que tu veux 🔌💊❄️, écris en privé",
    "Vends weed de qualité, 20e le pochon, dispo maintenant",
    "🌿 Nouvelle récolte arrivée, frappe de ouf, livraison rapide sur {city}, paiement cash ou lydia",
    "Coke pure 60 le g, 3 pour 150, livraison discrète",
    "Drive ouvert 🚗 Beuh 🍫 Shit ❄️ Blanche, commande sur telegram {handle}",
    "Champis, LSD, MD, kéta : carte dispo en MP, envoi poste possible",
    "Pochons de 20 et de 50, dispo {day} devant le tabac",
    "Ouvert H24 🔌 qualité premium, prix de gros à partir de 100g",
)
_D_BUY = (
    "quelqu'un sait où choper de la beuh sur {city} ?",
    "t'aurais pas un plan coke pour ce soir ?",
    "j'cherche un plug, urgent",
    "combien le 20 de shit ?",
    "tu livres à {city} ?",
    "t'as encore de la frappe ?",
    "je prends 2 taz et 1g de md",
    "qui vend de la weed par ici ? dm moi",
    "Il me faut de la kéta pour samedi, quelqu'un a un contact ?",
    "t'as des cachets de xanax à vendre ?",
)
_D_SELL = (
    "j'ai du bon shit, 5e le gramme si t'en prends 10",
    "je passe en scoot dans 20 min, prépare le cash",
    "rdv derrière le lycée, ramène 30 balles",
    "tu paies en espèces ou lydia ?",
    "Je te fais le 10g à 80, c'est cadeau",
    "j'ai plus de coke mais il me reste de la beuh",
    "dis moi combien t'en veux je te prépare ça",
    "c'est 15 le pochon, je livre que si t'en prends 3",
    "je suis en bas de ton bat, descends avec les billets",
)
_D_REACT = (
    "ok",
    "ça marche",
    "vas-y",
    "c'est combien ?",
    "dac",
    "t'es où ?",
    "je peux payer demain ?",
    "ok je descends",
    "envoie la photo du produit",
    "c'est de la bonne ?",
)

# -- ambush (guet-apens) ------------------------------------------------------------------------------

_A_PLAN = (
    "on fait un faux profil sur l'appli de rencontre gay, on lui donne rdv et on le défonce",
    "il croit qu'il va voir une meuf mdr, on sera 5 derrière le gymnase",
    "ramène ton tel, on filme tout",
    "on lui prend son tel et sa CB",
    "chasse aux pd samedi, qui vient ?",
    "le mec du site il arrive à 22h au parking, soyez là",
    "Je lui ai dit de venir seul, il se doute de rien.",
    "on va l'humilier et poster la vidéo sur snap",
    "Dès qu'il arrive on l'attrape, toi tu bloques la sortie.",
    "J'ai son adresse, on lui tend un piège vendredi.",
    "on va lui faire peur, il remettra plus les pieds ici",
    "faut qu'il ramène du liquide, on lui pique tout",
    "on se cache dans le bois, je l'appâte avec ma photo",
)
_A_LURE = (
    "Viens seul stp, je suis timide 🙈",
    "Rejoins-moi au parking du stade à 22h, il y aura personne.",
    "Viens sans tes potes, je veux que ce soit juste nous deux.",
    "Ramène du liquide pour l'hôtel.",
    "Je t'attends derrière le centre commercial, côté chantier.",
    "on se retrouve dans les bois derrière chez moi, c'est discret",
    "Éteins ton téléphone en arrivant, j'aime pas être filmé.",
    "Viens à pied, gare-toi pas devant, mes voisins sont curieux.",
    "dis à personne où tu vas, je veux rester discret",
    "Rendez-vous sous le pont à minuit, personne nous verra.",
    "Viens tout seul au terrain vague à côté de la gare.",
    "Passe par la cage d'escalier du bâtiment C, je t'ouvre.",
)
_A_VICTIM = (
    "ok j'arrive",
    "pourquoi si tard ?",
    "t'es sûr que c'est toi sur les photos ?",
    "on peut pas se voir dans un bar plutôt ?",
    "d'accord, j'ai hâte",
    "c'est un peu loin mais ok",
    "pourquoi je dois éteindre mon tel ?",
    "je serai là à l'heure",
    "t'es qui exactement ?",
    "tu peux m'envoyer une autre photo ?",
)

# -- hate ----------------------------------------------------------------------------------------------

_H_GROUP = (
    "les pd devraient tous crever",
    "les arabes c'est tous des voleurs",
    "les juifs contrôlent les banques et les médias",
    "les trans c'est une maladie mentale",
    "retournez dans votre pays bande de parasites",
    "les noirs c'est des singes",
    "les femmes sont faites pour la cuisine et c'est tout",
    "l'homosexualité c'est contre nature, faut les soigner",
    "les migrants c'est une invasion, faut les renvoyer",
    "les musulmans sont tous des terroristes",
    "les roms c'est de la vermine",
    "mort aux pd",
    "les gouines c'est juste des frustrées",
    "les chinois ils mangent des chiens et ramènent des virus",
    "les travelos devraient pas avoir le droit de sortir",
    "les lesbiennes ça devrait être interdit",
    "les noirs ont un QI inférieur c'est prouvé",
    "vivement qu'on vire tous les bougnoules",
    "les homos sont des pervers, éloignez-les des enfants",
    "je hais les juifs, ils ont tout volé",
    "les handicapés c'est un poids pour la société",
    "les femmes qui bossent c'est le début de la fin",
)
_H_TARGET = (
    "sale pd va",
    "t'es qu'une sale arabe, retourne chez toi",
    "toi le négro ferme ta gueule",
    "espèce de tarlouze",
    "sale gouine t'approche pas de ma soeur",
    "t'es trans ? t'es un monstre",
    "ton pays c'est la jungle le singe",
    "sale juif rends l'argent",
    "va te faire soigner le pédé",
    "sale bougnoule de merde",
    "retourne dans ton pays sale migrant",
    "grosse lesbienne dégueulasse",
)
_H_CODED = (
    "on sait tous qui est derrière les médias 👃",
    "encore un de ces gens-là qui vient profiter des allocs",
    "ils se reproduisent comme des lapins ces gens-là",
    "le grand remplacement c'est maintenant, réveillez-vous",
    "ces gens-là ne s'intègrent jamais",
    "c'est pas raciste c'est la réalité, ils sont tous pareils",
)
_H_REACT = (
    "c'est raciste ce que tu dis",
    "arrête avec tes propos homophobes",
    "signalé",
    "t'as aucun respect",
    "modo stp",
    "mais t'as quel problème ?",
    "on est en 2024 là...",
    "la haine ça sert à rien",
    "je vais te signaler",
    "vous êtes dégueulasses",
    "ferme-la",
)

# -- harassment ----------------------------------------------------------------------------------------

_HA_INSULT = (
    "t'es vraiment qu'une grosse merde",
    "ferme ta gueule sale conne",
    "personne t'aime au collège, même tes parents",
    "t'es moche et t'es grosse, arrête de poster",
    "espèce de cassos",
    "va te pendre",
    "t'es un bouffon, tout le monde se fout de toi",
    "grosse vache",
    "t'as vu ta tête ? t'es horrible",
    "sale pute",
    "t'es qu'une salope, tout le lycée le sait",
    "crève",
    "pauvre merde, t'as même pas d'amis",
    "retourne pleurer chez ta mère",
    "t'es un déchet",
    "t'es la honte de la classe",
    "on devrait te virer du groupe, t'es inutile",
    "t'es débile ou quoi, espèce de gogol",
)
_HA_THREAT = (
    "je sais où tu habites, fais gaffe",
    "à la sortie du lycée t'es mort",
    "je vais te défoncer demain",
    "on va te retrouver",
    "je connais ton adresse, tu vas voir",
    "fais attention quand tu rentres ce soir",
    "je vais venir chez toi et tu vas regretter",
    "t'as intérêt à pas venir en cours lundi",
    "je vais te casser la gueule",
    "mes potes vont s'occuper de toi",
    "je t'attends devant chez toi",
)
_HA_DOX = (
    "je vais balancer ton adresse et ton numéro sur le groupe",
    "voilà son insta à elle : {handle}, allez-y tous",
    "je connais ton vrai nom et ton lycée",
    "elle habite au 12 rue des lilas, allez lui rendre visite",
    "j'ai posté ta photo sur le compte fisha",
    "je vais créer un compte avec tes photos",
)
_HA_SEXTORTION = (
    "j'ai enregistré ta vidéo, envoie 300€ en PCS ou je l'envoie à tous tes contacts",
    "si tu m'envoies pas d'autres photos je montre celles-là à tout le lycée",
    "t'as 24h pour payer",
    "j'ai screen tes nudes, tu fais ce que je dis maintenant",
    "je connais tes amis et ta famille, paie ou ta vie est finie",
    "envoie l'argent en carte cadeau sinon je publie tout",
    "tes parents vont adorer ta vidéo",
    "si tu me bloques je publie direct",
)
_HA_NAG = (
    "réponds",
    "réponds moi",
    "pourquoi tu me bloques ?",
    "tu crois que tu peux m'ignorer ?",
    "je vais créer 10 comptes s'il faut",
    "t'as pas le choix",
    "je lâcherai pas",
    "réponds ou ça va mal finir",
)
_HA_VICTIM = (
    "laisse moi tranquille",
    "arrête stp",
    "je vais le dire à mes parents",
    "je t'ai rien fait",
    "je te signale",
    "pourquoi tu fais ça ?",
    "s'il te plaît arrête",
    "j'ai pas d'argent",
    "je vais porter plainte",
    "vous êtes méchants",
    "...",
    "je pleure là",
)

# -- self-harm -----------------------------------------------------------------------------------------

_SH = (
    "j'en peux plus, je veux mourir",
    "ce soir j'avale toutes les boîtes de médocs",
    "je me suis encore scarifiée hier",
    "personne remarquera si je disparais",
    "j'ai écrit ma lettre",
    "je pense au suicide tous les jours",
    "je me coupe pour plus rien sentir",
    "j'ai envie d'en finir",
    "je vais sauter du pont ce soir",
    "à quoi bon vivre",
    "je me fais du mal depuis des mois",
    "je vous dis adieu les gars",
    "j'ai acheté des lames",
    "je mérite pas de vivre",
    "tout le monde serait mieux sans moi",
    "je veux plus me réveiller",
    "j'ai pris plein de cachets tout à l'heure",
    "je sais comment je vais le faire",
    "j'ai plus la force de continuer",
    "mes bras sont pleins de cicatrices, je recommence",
    "c'est la dernière fois que vous me lisez",
)
_SH_SUPPORT = (
    "appelle le 3114 stp, ils sont là 24h/24",
    "je suis là, tu veux en parler ?",
    "tu es importante pour nous",
    "parle à un adulte de confiance",
    "on peut appeler les secours ensemble",
    "t'es où là ? je m'inquiète",
    "s'il te plaît ne fais rien, je reste avec toi",
    "t'as quelqu'un chez toi ?",
    "je t'envoie le numéro, c'est gratuit",
    "tu comptes pour moi",
    "je suis désolé que tu vives ça",
)
_SH_REPLY = (
    "je sais pas",
    "personne comprend",
    "ça sert à rien",
    "merci mais bon",
    "j'ai déjà essayé",
    "ok",
    "c'est trop tard",
    "j'ai peur",
)

# -- spam ----------------------------------------------------------------------------------------------

_SP = (
    "🔥 GAGNE 500€ PAR JOUR DEPUIS CHEZ TOI 🔥 clique ici {link}",
    "Robux gratuits ➡️ {link}",
    "Suivez mon insta {handle} je follow back !!!",
    "Investis 100€ en crypto et récupère 1000€ en 1 semaine, DM moi",
    "Promo -70% sur les AirPods {link}",
    "Abonnez-vous à ma chaîne YouTube svp 🙏🙏 {link}",
    "rejoignez mon serveur discord {link} giveaway nitro",
    "V-BUCKS GRATUITS SANS ARNAQUE 👉 {link}",
    "Travail à domicile, 2000€/mois sans diplôme, infos {link}",
    "Gagne un iPhone 15 en participant au jeu concours {link}",
    "Achetez des followers pas cher, 1000 abonnés pour 5€ : {link}",
    "💰💰 Trading forex, je double ton argent en 48h 💰💰 écris-moi",
    "Tirage au sort ce soir, like et partage {link}",
)
_SP_FLOOD = (
    "SLT SLT SLT SLT",
    "aaaaaaaaaaaaaaaaaaaaaa",
    "😂😂😂😂😂😂😂😂😂😂",
    "HEYYYY RÉPONDEZ",
    "up up up up up",
    "??????????????",
)
_SP_REACT = (
    "encore toi",
    "stop le spam",
    "c'est une arnaque",
    "modo ban le",
    "personne clique hein",
    "chut",
    "bloqué",
    "t'es un bot ?",
)

# -- benign pools (hard negatives first) ---------------------------------------------------------------

_TEEN = (
    "t'as fini le dm de maths ?",
    "jsuis trop en stress pour le brevet",
    "le prof d'histoire nous a mis 3h de colle mdr",
    "vous jouez à quoi ce soir ?",
    "qui est chaud pour une game de valo ?",
    "t'as vu le dernier épisode ?? 😱",
    "ma mère veut pas que je sorte ce week-end",
    "jsuis trop nul en anglais",
    "on a eu les résultats du contrôle, j'ai 14",
    "quelqu'un a les réponses de l'exo 3 ?",
    "ptdr le prof de sport est tombé",
    "je m'ennuie en perm",
    "trop bien le concert de samedi",
    "qui va au ciné mercredi ?",
    "j'ai perdu mon tel dans le bus",
    "c'est quoi vos séries préférées ?",
    "vous écoutez quoi en ce moment ?",
    "jsuis en seconde et c'est trop dur",
    "la cantine c'était immonde aujourd'hui",
    "on a un exposé à faire à deux, tu veux ?",
    "grave",
    "mdrr",
    "ouais jsp",
    "t'es en quelle classe toi ?",
    "j'ai 15 ans et toi ?",
    "moi 16",
    "pareil",
    "t'habites où toi ? moi vers {city}",
    "le brevet blanc c'est demain 😭",
    "jpp de ce prof",
    "vous avez fait quoi pendant les vacances ?",
    "j'ai eu mon permis de scooter",
    "je commence le foot en club",
    "qui a minecraft ?",
    "on fait un serveur ?",
)
_ADULT = (
    "Bonsoir tout le monde",
    "quelqu'un a vu le match hier ?",
    "Je cherche un bon resto à {city}, des idées ?",
    "Journée de boulot interminable...",
    "Vous partez en vacances où cette année ?",
    "je me suis mis à la course à pied",
    "Quelqu'un connaît un bon garagiste à {city} ?",
    "bon appétit à tous",
    "La réunion de ce matin m'a épuisé",
    "Je déménage le mois prochain",
    "On a eu un orage de fou ici",
    "qui regarde la série en ce moment ?",
    "je cuisine un gratin ce soir",
    "Mon chat a encore cassé un verre 😅",
    "trop de monde dans le métro ce matin",
    "Bonne soirée à tous !",
    "salut la compagnie",
    "J'ai 34 ans, je suis infirmier, et vous ?",
    "des gens de {city} ici ?",
    "je viens d'arriver sur le site, ça marche comment ?",
)
_FLIRT = (
    "Tu as quel âge ? Moi 29.",
    "t'as quel âge ? moi 31",
    "27 et toi ?",
    "Tu es très jolie sur ta photo 😊",
    "merci t'es pas mal non plus",
    "On pourrait boire un verre {day} ?",
    "Avec plaisir, au café près de la gare ?",
    "Je préfère un lieu public pour un premier rendez-vous, ça te va ?",
    "Ajoute-moi sur Snap : {handle}",
    "mon numéro : {phone}",
    "Tu fais quoi dans la vie ?",
    "J'ai passé une super soirée hier avec toi 😘",
    "j'ai hâte de te revoir",
    "tu me manques déjà",
    "t'es vraiment craquante",
    "on se fait un resto vendredi ?",
    "Je suis célibataire depuis un an, et toi ?",
    "T'es du coin ?",
    "je t'envoie une photo de mon chien mdr",
    "bisous à ce soir",
    "j'ai envie de t'embrasser 😏",
    "t'es sexy ce soir",
    "je suis plutôt câlin comme mec",
)
_BANTER = (
    "t'es trop con mdr je t'adore",
    "ta gueule frérot t'as perdu 3-0 😂",
    "sale traître tu m'as pas attendu pour le ciné mdr",
    "je vais te tuer si tu spoiles la fin",
    "t'es nul à fortnite ptdr",
    "ferme la toi t'as raté ton penalty mdr",
    "je vais te défoncer au prochain match",
    "t'es mort au 1v1 ce soir",
    "bande de bouffons je vous aime",
    "putain j'ai encore raté mon bus",
    "merde j'ai oublié mes clés",
    "c'est de la merde ce jeu en vrai",
    "t'es grave débile mdr",
    "on va vous éclater au foot samedi",
    "ptn la prof elle est chiante",
    "wsh la famille",
    "vas y casse toi mdr",
    "je suis mort de rire",
    "mdr t'es une folle",
)
_DRUG_NEWS = (
    "t'as vu le reportage sur le crack à Paris ?",
    "ma cousine bosse en addicto, elle dit que la 3mmc fait des ravages",
    "au Canada le cannabis est légal depuis 2018",
    "j'ai arrêté de fumer depuis 1 an, je me sens mieux",
    "les dealers de mon quartier se sont fait arrêter",
    "mon frère fume, ça me saoule",
    "il y a eu une grosse saisie de cocaïne au port du Havre",
    "si t'as un souci avec la drogue appelle Drogues Info Service",
    "on a eu une intervention sur les drogues au lycée",
    "la police a démantelé un point de deal près de chez moi",
    "le débat sur la légalisation revient chaque année",
    "le CBD c'est légal en France ?",
    "Ce film sur les cartels était incroyable",
    "mon pote est tombé dans la coke, ça fait peur",
)
_IDENTITY = (
    "je suis gay et fier 🏳️‍🌈",
    "je suis lesbienne et ma copine est trop belle",
    "moi je suis trans et ça va très bien merci",
    "les gays ont le droit d'être heureux comme tout le monde",
    "arrête de dire pd, c'est homophobe",
    "il m'a traité de sale arabe, je l'ai signalé",
    "le racisme c'est pas une opinion",
    "dire que les femmes sont inférieures c'est juste faux",
    "je suis noir et fier de mes origines",
    "ma meilleure amie est musulmane et elle est géniale",
    "c'est pas parce qu'il est juif qu'il est riche, c'est un cliché débile",
    "on dit pas travelo, on dit une personne trans",
    "j'ai fait mon coming out ce week-end, mes parents ont bien réagi",
    "bienvenue dans le salon lgbt 🌈",
    "je suis bi et c'est pas une phase",
    "les personnes trans méritent le respect",
    "on m'a traitée de gouine au lycée, ça m'a fait mal",
    "soutien à tous les jeunes lgbt qui galèrent",
    "les migrants fuient la guerre, faut les accueillir",
    "je suis arabe et fière de l'être",
    "les homophobes me font pitié",
    "être gay c'est pas une maladie",
    "ma soeur est lesbienne et je la soutiens à fond",
    "la marche des fiertés c'était trop bien",
    "c'est quoi ton pronom ?",
    "je suis asexuel, ça existe",
)
_SAD_OK = (
    "je suis crevée",
    "ce contrôle de maths m'a tuée",
    "j'ai trop faim je vais mourir",
    "mon tel est mort",
    "je vais me tuer à la tâche pour le bac mdr",
    "la fin de la série m'a trop fait pleurer",
    "je suis mort de rire",
    "j'ai honte je veux disparaître sous terre mdr",
    "lundi matin, envie de mourir 😂",
    "on a eu une sensibilisation sur le suicide au lycée, c'était bien fait",
    "je suis triste que les vacances soient finies",
    "j'ai raté mon exam, je suis dég",
    "ma grand-mère est à l'hôpital, je suis inquiet",
    "ça va mieux depuis que je vois une psy",
    "journée pourrie mais demain ça ira",
)
_MEET_FRIENDS = (
    "on se retrouve devant le ciné à {hour} ?",
    "rdv à la gare avec les autres {day}",
    "je passe te chercher avec ma mère",
    "on va au parc avec toute la bande",
    "ramène ton ballon",
    "mes parents sont ok pour samedi",
    "on se rejoint à la sortie des cours",
    "on fait une soirée pyjama chez Léa {day}",
    "qui vient à la piscine ?",
)
_LINK_OK = (
    "regarde cette vidéo trop drôle {link}",
    "le lien du devoir c'est sur pronote",
    "voilà l'article dont je parlais {link}",
    "la playlist que je t'ai dit {link}",
)


# -- talk about groups, round 2: more frames, so that a group's name weighs nothing by itself --------------
# Written for Havre like the rest. Group names come in neutral, positive and first-person frames, in
# counter-speech that condemns or reports an attack, and in negated attacks; the hateful frames below use
# the same names, so only what is said about the group separates the classes.

_GROUP_NEUTRAL = (
    "ma coloc est {f}, on s'entend trop bien",
    "y a une asso pour les {p} dans ma ville, ils font des soirées jeux",
    "j'ai rencontré des {p} au festival, super ambiance",
    "le film parle d'une famille de {p}, je le conseille",
    "mon collègue est {m}, il m'a invité à son mariage",
    "en tant que {m} je me sens bien dans ce salon",
    "je suis {f} et je bosse dans l'informatique",
    "je suis {m}, rien de spécial à dire de plus mdr",
    "les {p} aussi regardent le foot hein",
    "combien de {p} vivent en France à peu près ?",
    "on a parlé des droits des {p} en EMC ce matin",
    "les {p} que je connais sont tous différents",
    "nos voisins sont {p}, ils nous invitent souvent à manger",
    "ma prof de maths est {f} et c'est la meilleure",
    "t'es {m} toi ? moi aussi !",
    "mon cousin est {m} et il est trop drôle",
    "y a un nouveau élève {m} dans ma classe, il est sympa",
    "je fais un exposé sur l'histoire des {p}",
    "c'est quoi les fêtes importantes chez les {p} ?",
    "mes parents ont des amis {p} depuis 20 ans",
    "je sors avec une fille {f} depuis 3 mois",
    "un {m} a gagné l'émission hier soir",
    "je viens d'une famille de {p}",
    "on est trois {p} dans l'équipe de basket",
)
_GROUP_POSITIVE = (
    "les {p} sont les bienvenus ici",
    "big up à tous les {p} du serveur",
    "j'adore mes potes {p}",
    "respect aux {p} qui se battent pour leurs droits",
    "fière de mes amis {p}",
    "les {p} ont toute leur place ici",
    "je suis {m} et j'en suis fier",
    "les {p} sont des gens bien, comme tout le monde",
    "force à tous les {p} qui galèrent en ce moment",
    "je suis {f} et heureuse de l'être",
    "les {p} ont le droit de vivre tranquilles",
    "que tu sois {m} ou pas, t'es le bienvenu",
    "vive la diversité, les {p} comme les autres",
    "merci aux {p} qui partagent leur histoire, ça aide",
    "j'ai beaucoup appris en parlant avec des {p}",
)
_GROUP_COUNTER = (
    "les insultes contre les {p} c'est pas drôle",
    "arrêtez de cracher sur les {p}",
    "c'est grave ce qu'il a écrit sur les {p}",
    "ceux qui insultent les {p} sont des lâches",
    "si tu traites les {p} comme ça tu dégages du groupe",
    "la haine contre les {p} faut que ça s'arrête",
    "j'ai signalé son message sur les {p}",
    "franchement ton commentaire sur les {p} c'est honteux",
    "tu généralises sur les {p}, c'est pas ok",
    "les blagues sur les {p} ça me fait pas rire",
    "harceler des {p} en ligne c'est puni par la loi",
    "il a écrit des horreurs sur les {p}, modo svp",
    "t'as pas honte de parler des {p} comme ça ?",
    "ce mec a dit que les {p} étaient des moins que rien, je l'ai bloqué",
    "quand quelqu'un dit du mal des {p} ici, signalez-le",
    "ça me choque qu'on laisse passer des messages contre les {p}",
    "les propos sur les {p} dans ce salon sont inadmissibles",
    "le prof a puni ceux qui se moquaient des {p}",
    '"les {p} dehors" ? sérieux ? c\'est ça ton niveau ?',
    "on n'insulte pas les {p}, point",
)
_GROUP_NEGATED = (
    "les {p} ne sont pas des criminels",
    "non, les {p} ne sont pas dangereux",
    "aucun {m} n'est inférieur à toi",
    "les {p} ne sont pas une menace",
    "être {m} n'est pas une maladie",
    "les {p} ne volent pas plus que les autres",
    "les {p} ne sont jamais le problème",
    "les {p} ne sont pas moins intelligents que toi",
    "je pense pas que les {p} soient un problème",
    "les {p} ne méritent pas ces insultes",
    "c'est pas parce qu'on est {m} qu'on est bizarre",
    "les {p} n'ont rien fait de mal",
    "non les {p} c'est pas des profiteurs",
)
_GROUP_HATE = (
    "les {p} c'est des sous-hommes",
    "j'ai la haine des {p}",
    "les {p} je peux pas les voir",
    "faut interdire les {p} dans ce pays",
    "les {p} sont tous des menteurs",
    "les {p} ne méritent aucun respect",
    "les {p} n'ont rien à faire ici",
    "les {p} ne sont pas des êtres humains",
    "je veux pas de {p} dans mon quartier",
    "les {p} devraient dégager",
    "on devrait virer tous les {p}",
    "les {p} ça me dégoûte",
    "les {p} ne méritent pas de vivre",
    "les {p} ne seront jamais des vrais français",
    "un bon {m} est un {m} loin d'ici",
    "les {p} sont une plaie pour la société",
    "les {p} c'est la honte de l'humanité",
    "j'en peux plus de voir des {p} partout, ça pue",
    "les {p} sont bêtes comme leurs pieds",
    "à mort les {p}",
)
_GROUP_HATE_REACT = (
    "c'est quoi ce message ?",
    "signalé",
    "t'es sérieux là ?",
    "modo ??",
    "grave pas ok",
    "tu te crois drôle ?",
    "dégage",
)

# -- reciprocal banter between teenagers (hard negative of harassment) ---------------------------------
_TEEN_BANTER = (
    "t'es qu'un bouffon mdr",
    "toi t'es un clown ptdr",
    "ferme-la t'as perdu la partie 😂",
    "je vais te démonter à fifa ce soir",
    "t'es éclaté au sol mdrr",
    "nan mais t'es teubé ou quoi 😂😂",
    "ptdr t'es trop con",
    "vas-y toi aussi t'es nul",
    "t'es un gros nul mais je t'aime bien",
    "oh le traître 😂",
    "t'es chiant frère",
    "espèce de boulet 😂",
    "wsh t'es lent",
    "c'est toi le noob",
    "mdrr tg",
    "arrête de faire le malin",
    "dsl c'était pour rire",
    "je rigole t'inquiète",
    "t'as une tête de patate mdr",
    "ta gueule t'as même pas su répondre à la prof 😂",
    "sale tricheur, revanche demain",
    "t'es un rat tu m'as volé mes frites",
    "on va vous rouler dessus au foot",
    "t'es trop bête mdr",
)
_TEEN_BANTER_REPLY = (
    "mdrrr",
    "ptdr ok",
    "😂😂",
    "c'est ça ouais",
    "t'es jaloux",
    "même pas vrai",
    "revanche demain",
    "toi-même",
    "ahah vas-y",
    "tu parles trop",
    "ok t'as gagné 😂",
    "je t'aime aussi frérot",
)

# -- photo requests of things, places and pets (hard negative of grooming) -----------------------------
_PHOTO_THINGS = (
    "envoie une photo de ton chat !",
    "prends des photos du concert stp",
    "t'as une photo du menu ?",
    "montre la photo de ton nouveau vélo",
    "fais une photo de la vue, ça doit être beau",
    "tu peux envoyer la photo de l'exo 4 ?",
    "prends une photo du tableau pour moi, j'étais absent",
    "envoie des photos du gâteau 😍",
    "mets des photos de la plage sur le groupe",
    "t'as pris des photos du feu d'artifice ?",
    "envoie la photo de la recette",
    "montre-nous ton dessin",
    "une photo du chiot stp 😍",
    "prenez des photos de la neige pour ceux qui sont pas là",
)
_PHOTO_REPLY = (
    "ok je t'envoie ça",
    "tiens",
    "attends je la retrouve",
    "voilà 📷",
    "trop beau",
    "j'ai oublié mon tel mdr",
    "je mets ça sur le groupe",
    "ça rend mieux en vrai",
)


@dataclass(slots=True)
class _Draft:
    """A conversation being written: participants, messages and labels."""

    id: str
    setting: str
    audience: str
    participants: dict[str, dict[str, object]]
    messages: list[dict[str, str]] = field(default_factory=list)
    message_labels: dict[str, list[str]] = field(default_factory=dict)
    labels: set[str] = field(default_factory=set)

    def say(self, speaker: str, text: str, *labels: str) -> None:
        if labels:
            self.message_labels[str(len(self.messages))] = sorted(set(labels))
            self.labels.update(labels)
        self.messages.append({"from": speaker, "text": text})

    def record(self) -> dict[str, object]:
        return {
            "id": self.id,
            "setting": self.setting,
            "audience": self.audience,
            "participants": self.participants,
            "messages": self.messages,
            "labels": sorted(self.labels),
            "message_labels": self.message_labels,
            "note": "synthetic (havre.safety.synthetic)",
        }


class _Writer:
    """Slot filling and chat-style noise (accents dropped, lower case, no final punctuation)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.slots: dict[str, str] = {}

    def reset(self, minor_age: int = 15, adult_age: int = 35) -> None:
        rng = self.rng
        pseudo = rng.choice(_PSEUDOS)
        self.slots = {
            "city": rng.choice(_CITIES),
            "phone": _phone(rng),
            "handle": rng.choice(("@", "", "snap: ", "")) + pseudo,
            "link": "https://" + rng.choice(_LINK_HOSTS) + str(rng.randrange(10, 99)),
            "minor_age": str(minor_age),
            "adult_age": str(adult_age),
            "day": rng.choice(_DAYS),
            "hour": rng.choice(_HOURS),
            "name": rng.choice(_FIRST_NAMES),
        }

    def line(self, pool: Sequence[str], casual: float = 0.4) -> str:
        text = self.rng.choice(pool).format_map(self.slots)
        if self.rng.random() < casual:
            text = _casual(text, self.rng)
        return text


def _casual(text: str, rng: random.Random) -> str:
    if "http" in text or "@" in text:
        return text.lower() if rng.random() < 0.5 else text
    out = text
    if rng.random() < 0.5:
        out = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    if rng.random() < 0.7:
        out = out.lower()
    if rng.random() < 0.6:
        out = out.rstrip(".!")
    for a, b in (
        ("je suis", "jsuis"),
        ("je sais pas", "jsp"),
        ("qu'est-ce que", "keske"),
        ("c'est", "c"),
        ("pourquoi", "pk"),
        ("s'il te plaît", "stp"),
    ):
        if a in out and rng.random() < 0.4:
            out = out.replace(a, b)
    return out


def _ages(rng: random.Random) -> tuple[int, int]:
    return rng.randint(13, 17), rng.randint(22, 58)


def _filler(d: _Draft, w: _Writer, speakers: Sequence[str], pool: Sequence[str], n: int) -> None:
    for _ in range(n):
        d.say(w.rng.choice(speakers), w.line(pool))


def _room(rng: random.Random, n: int, audience: str) -> dict[str, dict[str, object]]:
    keys = "abcdef"[:n]
    out: dict[str, dict[str, object]] = {}
    for k in keys:
        age = rng.randint(15, 17) if audience == "minors" else rng.randint(18, 50)
        if audience == "mixed":
            age = rng.randint(14, 45)
        out[k] = {"age": age, "gender": rng.choice("fmx" if rng.random() < 0.1 else "fm")}
    return out


# -- conversation builders ---------------------------------------------------------------------------


def _grooming(d_id: str, w: _Writer) -> _Draft:
    rng = w.rng
    minor_age, adult_age = _ages(rng)
    audience = rng.choice(("mixed", "mixed", "minors", "adults"))
    declared = adult_age if audience != "minors" or rng.random() < 0.5 else rng.randint(16, 17)
    w.reset(minor_age, adult_age)
    d = _Draft(
        d_id,
        "pm",
        audience,
        {
            "a": {"age": declared, "gender": "m" if rng.random() < 0.85 else "f"},
            "b": {"age": minor_age, "gender": rng.choice("fm")},
        },
    )
    if rng.random() < 0.5:
        d.say("b", w.line(_TEEN))
    d.say("a", w.line(_G_OPEN, 0.2))
    d.say("b", w.line(_M_REPLY))
    stages: list[tuple[Sequence[str], tuple[str, ...]]] = [(_G_AGE, ())]
    pool: list[tuple[Sequence[str], tuple[str, ...]]] = [
        (_G_RAPPORT, ("grooming",)),
        (_G_ISOLATION, ("grooming",)),
        (_G_SECRECY, ("grooming",)),
        (_G_ALONE, ("grooming",)),
        (_G_GIFT, ("grooming",)),
        (_G_MOVE, ("grooming", "contact_exchange")),
        (_G_PHOTO, ("grooming",)),
        (_G_MEET, ("grooming",)),
    ]
    rng.shuffle(pool)
    stages += pool[: rng.randint(3, 6)]
    if rng.random() < 0.45:
        stages.append((_G_SEXUAL, ("grooming", "sexual_minors")))
    order = {
        id(_G_AGE): 0,
        id(_G_RAPPORT): 1,
        id(_G_ISOLATION): 2,
        id(_G_GIFT): 3,
        id(_G_ALONE): 4,
        id(_G_SECRECY): 5,
        id(_G_MOVE): 6,
        id(_G_PHOTO): 7,
        id(_G_SEXUAL): 8,
        id(_G_MEET): 9,
    }
    stages.sort(key=lambda s: order[id(s[0])] + rng.random() * 2.5)
    for pool_, labels in stages:
        text = w.line(pool_, 0.25)
        d.say("a", text, *labels)
        if pool_ is _G_AGE:
            d.say("b", w.line(_M_AGE))
            if rng.random() < 0.6:
                d.say("a", w.line(_G_AGE_REPLY, 0.2), "grooming")
        else:
            d.say("b", w.line(_M_REPLY))
    return d


def _teen_flirt(d_id: str, w: _Writer) -> _Draft:
    """Two teenagers of close ages flirting or chatting: the hard negative of grooming."""
    rng = w.rng
    a, b = rng.randint(14, 17), rng.randint(14, 17)
    w.reset(a)
    d = _Draft(
        d_id,
        "pm",
        rng.choice(("minors", "minors", "mixed")),
        {"a": {"age": a, "gender": "m"}, "b": {"age": b, "gender": "f"}},
    )
    lines = (
        "slt ça va ?",
        "t'as quel âge ?",
        "{minor_age} et toi ?",
        "t'es en quelle classe ?",
        "t'es trop mignonne sur ta pp",
        "merci 😊 toi aussi t'es pas mal",
        "tu fais quoi ce week-end ?",
        "on va au ciné {day} avec des potes, tu viens ?",
        "t'as snap ?",
        "mdr ouais",
        "t'écoutes quoi comme musique ?",
        "ma mère m'appelle jdois y aller",
        "on se voit au lycée demain ?",
        "t'as fini tes devoirs ?",
        "jsuis dans le même lycée que toi je crois",
        "haha grave",
        "tu fais du sport ?",
        "bisous bonne nuit",
    )
    for i in range(rng.randint(6, 12)):
        speaker = "a" if i % 2 == 0 else "b"
        text = w.line(lines)
        if text.startswith("t'as snap") and rng.random() < 0.6:
            d.say(speaker, text, "contact_exchange")
            d.say("b" if speaker == "a" else "a", "ouais c'est " + w.slots["handle"], "contact_exchange")
        else:
            d.say(speaker, text)
    return d


def _sexual_minors(d_id: str, w: _Writer) -> _Draft:
    rng = w.rng
    kind = rng.randrange(3)
    if kind == 0:  # coded CSAM request in an adult room
        audience = "adults"
        parts = _room(rng, rng.randint(3, 5), audience)
        w.reset()
        d = _Draft(d_id, "room", audience, parts)
        keys = list(parts)
        _filler(d, w, keys[1:], _ADULT, rng.randint(1, 3))
        for _ in range(rng.randint(1, 3)):
            text = w.line(_SM_CSAM + _SM_ADULT_WANTS_MINOR, 0.3)
            labels = (
                ("sexual_minors", "contact_exchange")
                if ("telegram" in text or "@" in text or "snap:" in text)
                else ("sexual_minors",)
            )
            d.say(keys[0], text, *labels)
            d.say(rng.choice(keys[1:]), w.line(_SM_REACT))
    else:  # sexual talk aimed at minors in the minors' or mixed room
        audience = "minors" if kind == 1 else "mixed"
        parts = _room(rng, rng.randint(3, 5), audience)
        offender = "a"
        parts[offender]["age"] = (
            rng.choice((16, 17, 19, 24, 31, 40)) if audience == "mixed" else rng.randint(15, 17)
        )
        w.reset()
        d = _Draft(d_id, "room", audience, parts)
        keys = list(parts)
        _filler(d, w, keys[1:], _TEEN, rng.randint(2, 4))
        for _ in range(rng.randint(1, 3)):
            d.say(offender, w.line(_SM_IN_MINORS_ROOM + _SM_ADULT_WANTS_MINOR), "sexual_minors")
            d.say(rng.choice(keys[1:]), w.line(_SM_REACT))
        _filler(d, w, keys[1:], _TEEN, rng.randint(0, 2))
    return d


def _prostitution(d_id: str, w: _Writer) -> _Draft:
    rng = w.rng
    kind = rng.randrange(4)
    w.reset()
    if kind == 0:  # ads in an adult room, often repeated
        parts = _room(rng, rng.randint(3, 4), "adults")
        d = _Draft(d_id, "room", "adults", parts)
        keys = list(parts)
        ad = w.line(_P_AD, 0.2)
        _filler(d, w, keys[1:], _ADULT, rng.randint(1, 3))
        for _ in range(rng.randint(1, 3)):
            labels = ["prostitution"] + (
                ["contact_exchange"] if any(ch.isdigit() for ch in ad[-8:]) or "snap" in ad else []
            )
            d.say("a", ad, *labels)
            d.say(rng.choice(keys[1:]), w.line(_P_REACT))
        return d
    if kind == 1:  # recruitment / pimping in a private conversation
        victim_age = rng.randint(16, 24)
        aud = "adults" if victim_age >= 18 else "mixed"
        d = _Draft(
            d_id,
            "pm",
            aud,
            {"a": {"age": rng.randint(20, 35), "gender": "m"}, "b": {"age": victim_age, "gender": "f"}},
        )
        d.say("a", w.line(_G_OPEN, 0.3))
        d.say("b", w.line(_M_REPLY))
        for _ in range(rng.randint(2, 4)):
            labels = ["prostitution"] + (["sexual_minors"] if victim_age < 18 else [])
            d.say("a", w.line(_P_PIMP), *labels)
            d.say(
                "b",
                w.line(
                    (*_M_REPLY, "c'est quoi le piège ?", "je sais pas si je veux faire ça", "c'est légal ?")
                ),
            )
        return d
    if kind == 2:  # a buyer in an adult conversation
        d = _Draft(
            d_id,
            "pm",
            "adults",
            {
                "a": {"age": rng.randint(25, 60), "gender": "m"},
                "b": {"age": rng.randint(19, 35), "gender": "f"},
            },
        )
        d.say("a", w.line(_FLIRT[:5]))
        d.say("b", w.line(_FLIRT))
        for _ in range(rng.randint(1, 3)):
            d.say("a", w.line(_P_BUY), "prostitution")
            d.say("b", w.line(_P_REACT))
        return d
    minor_age, adult_age = _ages(rng)  # paying a minor: prostitution of a minor
    w.reset(minor_age, adult_age)
    d = _Draft(
        d_id,
        "pm",
        rng.choice(("mixed", "minors")),
        {"a": {"age": adult_age, "gender": "m"}, "b": {"age": minor_age, "gender": "f"}},
    )
    d.say("a", w.line(_G_OPEN))
    d.say("b", w.line(_M_REPLY))
    d.say("a", w.line(_G_AGE))
    d.say("b", w.line(_M_AGE))
    for _ in range(rng.randint(1, 2)):
        d.say("a", w.line(_P_SUGAR_MINOR), "prostitution", "sexual_minors", "grooming")
        d.say("b", w.line(_M_REPLY))
    return d


def _drugs(d_id: str, w: _Writer) -> _Draft:
    rng = w.rng
    w.reset()
    if rng.random() < 0.45:
        audience = rng.choice(("adults", "adults", "mixed", "minors"))
        parts = _room(rng, rng.randint(3, 5), audience)
        d = _Draft(d_id, "room", audience, parts)
        keys = list(parts)
        _filler(d, w, keys[1:], _TEEN if audience == "minors" else _ADULT, rng.randint(1, 3))
        for _ in range(rng.randint(1, 3)):
            text = w.line(_D_MENU + _D_BUY, 0.3)
            labels = ["drugs"] + (
                ["contact_exchange"]
                if ("telegram" in text or "snap" in text or "@" in text) and "{" not in text
                else []
            )
            d.say(keys[0], text, *labels)
            d.say(rng.choice(keys[1:]), w.line(_D_REACT + _P_REACT[:4]))
        return d
    ages = (rng.randint(16, 30), rng.randint(16, 30))
    aud = "adults" if min(ages) >= 18 else rng.choice(("minors", "mixed"))
    d = _Draft(
        d_id,
        "pm",
        aud,
        {"a": {"age": ages[0], "gender": "m"}, "b": {"age": ages[1], "gender": rng.choice("fm")}},
    )
    d.say("b", w.line(("wesh", "slt", "yo", "cc", "bien ?")))
    d.say("a", w.line(_D_BUY), "drugs")
    for _ in range(rng.randint(2, 4)):
        d.say("b", w.line(_D_SELL), "drugs")
        d.say("a", w.line(_D_REACT))
    return d


def _ambush(d_id: str, w: _Writer) -> _Draft:
    rng = w.rng
    w.reset()
    if rng.random() < 0.5:  # the organisers plan it in a room
        audience = rng.choice(("adults", "minors", "mixed"))
        parts = _room(rng, rng.randint(3, 4), audience)
        d = _Draft(d_id, "room", audience, parts)
        keys = list(parts)
        _filler(d, w, keys, _TEEN if audience == "minors" else _ADULT, rng.randint(0, 2))
        for _ in range(rng.randint(2, 4)):
            d.say(rng.choice(keys), w.line(_A_PLAN), "ambush")
            if rng.random() < 0.5:
                d.say(
                    rng.choice(keys),
                    w.line(
                        (
                            "mdr grave",
                            "je ramène des potes",
                            "ok chaud",
                            "à quelle heure ?",
                            "trop drôle",
                            "j'ai hâte de voir sa tête",
                        )
                    ),
                )
        return d
    # the lure: a fake date with a man (often gay) in a private conversation
    d = _Draft(
        d_id,
        "pm",
        "adults",
        {
            "a": {"age": rng.randint(19, 26), "gender": rng.choice("mf")},
            "b": {"age": rng.randint(25, 60), "gender": "m"},
        },
    )
    d.say(
        "a",
        w.line((*_FLIRT[:6], "Salut beau gosse 😉", "t'es mignon sur ta photo", "Tu cherches quoi ici ?")),
    )
    d.say("b", w.line(_FLIRT))
    d.say("a", w.line((*_FLIRT[5:8], "On se voit ce soir ?")))
    d.say("b", w.line(_A_VICTIM))
    for _ in range(rng.randint(2, 3)):
        d.say("a", w.line(_A_LURE), "ambush")
        d.say("b", w.line(_A_VICTIM))
    return d


def _hate(d_id: str, w: _Writer) -> _Draft:
    rng = w.rng
    audience = rng.choice(("adults", "adults", "minors", "mixed"))
    parts = _room(rng, rng.randint(3, 5), audience)
    w.reset()
    d = _Draft(d_id, "room", audience, parts)
    keys = list(parts)
    _filler(
        d,
        w,
        keys[1:],
        _IDENTITY if rng.random() < 0.5 else (_TEEN if audience == "minors" else _ADULT),
        rng.randint(1, 2),
    )
    for _ in range(rng.randint(1, 3)):
        r = rng.random()
        if r < 0.5:
            d.say("a", w.line(_H_GROUP), "hate")
        elif r < 0.8:
            d.say("a", w.line(_H_TARGET), "hate", "harassment")
        else:
            d.say("a", w.line(_H_CODED), "hate")
        d.say(rng.choice(keys[1:]), w.line(_H_REACT))
    return d


def _harassment(d_id: str, w: _Writer) -> _Draft:
    rng = w.rng
    w.reset()
    kind = rng.randrange(3)
    if kind == 0:  # sextortion in private
        adult = rng.random() < 0.5
        victim = rng.randint(19, 40) if adult else rng.randint(14, 17)
        aud = "adults" if adult else rng.choice(("minors", "mixed"))
        d = _Draft(
            d_id,
            "pm",
            aud,
            {
                "a": {"age": rng.randint(18, 35) if aud != "minors" else 17, "gender": "m"},
                "b": {"age": victim, "gender": rng.choice("fm")},
            },
        )
        d.say("a", w.line(_FLIRT[3:6] + _G_OPEN[:3]))
        d.say("b", w.line(_M_REPLY))
        for _ in range(rng.randint(2, 4)):
            d.say("a", w.line(_HA_SEXTORTION + _HA_NAG[:3]), "harassment")
            d.say("b", w.line(_HA_VICTIM))
        return d
    audience = rng.choice(("minors", "minors", "adults", "mixed"))
    if kind == 1:  # bullying in a room
        parts = _room(rng, rng.randint(3, 5), audience)
        d = _Draft(d_id, "room", audience, parts)
        keys = list(parts)
        _filler(d, w, keys, _TEEN if audience != "adults" else _ADULT, rng.randint(1, 2))
        for _ in range(rng.randint(2, 4)):
            d.say(rng.choice(keys[:2]), w.line(_HA_INSULT + _HA_THREAT + _HA_DOX), "harassment")
            d.say(keys[-1], w.line(_HA_VICTIM))
        return d
    ages = (rng.randint(14, 40), rng.randint(14, 40))
    aud = "adults" if min(ages) >= 18 else "mixed"
    d = _Draft(
        d_id,
        "pm",
        aud,
        {"a": {"age": ages[0], "gender": "m"}, "b": {"age": ages[1], "gender": rng.choice("fm")}},
    )
    for _ in range(rng.randint(3, 5)):
        d.say("a", w.line(_HA_INSULT + _HA_THREAT + _HA_NAG), "harassment")
        if rng.random() < 0.7:
            d.say("b", w.line(_HA_VICTIM))
    return d


def _self_harm(d_id: str, w: _Writer) -> _Draft:
    rng = w.rng
    w.reset()
    audience = rng.choice(("minors", "adults", "mixed"))
    if rng.random() < 0.5:
        parts = _room(rng, rng.randint(3, 4), audience)
        d = _Draft(d_id, "room", audience, parts)
    else:
        ages = (rng.randint(14, 30), rng.randint(14, 30))
        d = _Draft(
            d_id,
            "pm",
            audience,
            {
                "a": {"age": ages[0], "gender": rng.choice("fm")},
                "b": {"age": ages[1], "gender": rng.choice("fm")},
            },
        )
    keys = list(d.participants)
    _filler(d, w, keys, _SAD_OK + _TEEN[:8], rng.randint(0, 2))
    for _ in range(rng.randint(1, 3)):
        d.say("a", w.line(_SH), "self_harm")
        d.say(rng.choice(keys[1:]), w.line(_SH_SUPPORT))
        if rng.random() < 0.5:
            d.say("a", w.line(_SH_REPLY))
    return d


def _spam(d_id: str, w: _Writer) -> _Draft:
    rng = w.rng
    w.reset()
    audience = rng.choice(("minors", "adults", "mixed"))
    parts = _room(rng, rng.randint(3, 5), audience)
    d = _Draft(d_id, "room", audience, parts)
    keys = list(parts)
    _filler(d, w, keys[1:], _TEEN if audience == "minors" else _ADULT, rng.randint(1, 3))
    ad = w.line(_SP + _SP_FLOOD, 0.1)
    for _ in range(rng.randint(2, 4)):
        labels = ["spam"] + (["contact_exchange"] if "insta" in ad.lower() and "@" in ad else [])
        d.say("a", ad if rng.random() < 0.7 else w.line(_SP, 0.1), *labels)
        if rng.random() < 0.6:
            d.say(rng.choice(keys[1:]), w.line(_SP_REACT))
    return d


def _benign(d_id: str, w: _Writer) -> _Draft:
    rng = w.rng
    w.reset()
    kind = rng.randrange(8)
    if kind in (0, 1):  # adults flirting, asking ages, sharing contacts, meeting in public
        d = _Draft(
            d_id,
            "pm",
            "adults",
            {
                "a": {"age": rng.randint(19, 50), "gender": rng.choice("mf")},
                "b": {"age": rng.randint(19, 50), "gender": rng.choice("mf")},
            },
        )
        for i in range(rng.randint(6, 12)):
            text = w.line(_FLIRT)
            labels = (
                ("contact_exchange",) if any(k in text for k in (w.slots["handle"], w.slots["phone"])) else ()
            )
            d.say("ab"[i % 2], text, *labels)
        return d
    if kind == 2:
        return _teen_flirt(d_id, w)
    pools: list[Sequence[str]] = [
        _TEEN + _BANTER + _MEET_FRIENDS,
        _ADULT + _DRUG_NEWS + _BANTER[:10],
        _IDENTITY + _TEEN[:10] + _ADULT[:10],
        _SAD_OK + _TEEN + _BANTER,
        _ADULT + _LINK_OK + _IDENTITY,
    ]
    pool = pools[kind - 3]
    audience = rng.choice(("minors", "adults", "mixed")) if kind != 4 else "adults"
    if rng.random() < 0.3:
        ages = (rng.randint(14, 40), rng.randint(14, 40))
        if audience == "minors":
            ages = (rng.randint(15, 17), rng.randint(15, 17))
        elif audience == "adults":
            ages = (rng.randint(18, 50), rng.randint(18, 50))
        d = _Draft(
            d_id, "pm", audience, {"a": {"age": ages[0], "gender": "f"}, "b": {"age": ages[1], "gender": "m"}}
        )
    else:
        d = _Draft(d_id, "room", audience, _room(rng, rng.randint(3, 6), audience))
    keys = list(d.participants)
    for _ in range(rng.randint(6, 14)):
        d.say(rng.choice(keys), w.line(pool))
    return d


# Groups as people name them in French chat (singular masculine, singular feminine, plural).
_GROUPS = (
    ("gay", "lesbienne", "gays"),
    ("homo", "homo", "homos"),
    ("trans", "trans", "personnes trans"),
    ("bi", "bi", "bisexuels"),
    ("noir", "noire", "noirs"),
    ("arabe", "arabe", "arabes"),
    ("juif", "juive", "juifs"),
    ("musulman", "musulmane", "musulmans"),
    ("asiatique", "asiatique", "asiatiques"),
    ("rom", "rom", "roms"),
    ("migrant", "migrante", "migrants"),
    ("handicapé", "handicapée", "handicapés"),
    ("réfugié", "réfugiée", "réfugiés"),
    ("chrétien", "chrétienne", "chrétiens"),
    ("rebeu", "rebeu", "rebeus"),
    ("renoi", "renoi", "renois"),
    ("non binaire", "non binaire", "personnes non binaires"),
    ("autiste", "autiste", "autistes"),
    ("queer", "queer", "queers"),
    ("femme", "femme", "femmes"),
)
_IDENTITY_FRAMES = (
    "je suis {m} et alors ?",
    "moi je suis {f} et fière",
    "je suis {m}, ça pose un problème à quelqu'un ?",
    "mon meilleur ami est {m}",
    "ma meilleure amie est {f} et elle est géniale",
    "mon frère est {m} depuis toujours mdr",
    "il y a beaucoup de {p} dans mon quartier",
    "j'ai plein d'amis {p}",
    "dans ma classe il y a deux {p}",
    "les {p} ont les mêmes droits que tout le monde",
    "les {p} méritent le respect",
    "j'ai regardé un docu sur les {p}, très intéressant",
    "les {p} subissent encore trop de discriminations",
    "je connais des {p} super gentils",
    "c'est quoi le quotidien des {p} en France ?",
    "on parlait des {p} en cours d'histoire",
    "soutien aux {p} 💜",
    "être {m} c'est pas un choix",
    "ma voisine est {f}, elle est adorable",
    "les {p} sont des gens comme les autres",
    "j'ai lu un article sur les {p} au travail",
    "y a des {p} ici ?",
    "je viens d'apprendre que ma prof est {f}, trop cool",
    "la journée contre l'homophobie c'est le 17 mai",
    "les {p} ne sont pas un problème, le problème c'est la haine",
    "personne devrait être insulté parce qu'il est {m}",
    "quand on m'a traité de sale {m} j'ai signalé direct",
    "les {p} ne sont pas dangereux, arrêtez avec ces clichés",
    "dire que les {p} sont tous pareils c'est raciste",
    "j'en ai marre qu'on insulte les {p} ici",
    "bienvenue à tous, {p} compris 🌈",
)


def _identity(d_id: str, w: _Writer) -> _Draft:
    """A room where people name groups without attacking them: identity, support, counter-speech."""
    rng = w.rng
    w.reset()
    audience = rng.choice(("adults", "minors", "mixed"))
    d = _Draft(d_id, "room", audience, _room(rng, rng.randint(3, 5), audience))
    keys = list(d.participants)
    for _ in range(rng.randint(5, 10)):
        if rng.random() < 0.7:
            m, f, p = rng.choice(_GROUPS)
            frame = rng.choice(_IDENTITY_FRAMES)
            text = frame.format(m=m, f=f, p=p)
            d.say(rng.choice(keys), _casual(text, rng) if rng.random() < 0.4 else text)
        else:
            d.say(rng.choice(keys), w.line(_IDENTITY + _TEEN[:12] + _ADULT[:8]))
    return d


def _group_talk(d_id: str, w: _Writer) -> _Draft:
    """A room naming groups without attacking them: neutral, positive, counter-speech, negated attacks."""
    rng = w.rng
    w.reset()
    audience = rng.choice(("adults", "minors", "mixed"))
    d = _Draft(d_id, "room", audience, _room(rng, rng.randint(3, 5), audience))
    keys = list(d.participants)
    pools = (_GROUP_NEUTRAL, _GROUP_POSITIVE, _GROUP_COUNTER, _GROUP_NEGATED)
    for _ in range(rng.randint(4, 8)):
        if rng.random() < 0.85:
            m, f, p = rng.choice(_GROUPS)
            text = rng.choice(rng.choice(pools)).format(m=m, f=f, p=p)
            d.say(rng.choice(keys), _casual(text, rng) if rng.random() < 0.5 else text)
        else:
            d.say(rng.choice(keys), w.line(_TEEN[:12] + _ADULT[:8]))
    return d


def _group_hate(d_id: str, w: _Writer) -> _Draft:
    """A room where one speaker attacks a group, among ordinary talk about groups."""
    rng = w.rng
    w.reset()
    audience = rng.choice(("adults", "adults", "minors", "mixed"))
    d = _Draft(d_id, "room", audience, _room(rng, rng.randint(3, 5), audience))
    keys = list(d.participants)
    for _ in range(rng.randint(1, 2)):
        m, f, p = rng.choice(_GROUPS)
        pool = rng.choice((_GROUP_NEUTRAL, _GROUP_POSITIVE, _GROUP_NEGATED))
        d.say(rng.choice(keys[1:]), rng.choice(pool).format(m=m, f=f, p=p))
    for _ in range(rng.randint(1, 2)):
        m, f, p = rng.choice(_GROUPS)
        text = rng.choice(_GROUP_HATE).format(m=m, f=f, p=p)
        d.say("a", _casual(text, rng) if rng.random() < 0.5 else text, "hate")
        d.say(rng.choice(keys[1:]), w.line(_GROUP_HATE_REACT + _H_REACT))
    return d


def _teen_banter(d_id: str, w: _Writer) -> _Draft:
    """Two or three teenagers teasing each other, both ways, laughing: banter, not harassment."""
    rng = w.rng
    w.reset()
    audience = rng.choice(("minors", "minors", "mixed"))
    if rng.random() < 0.5:
        ages = (rng.randint(14, 17), rng.randint(14, 17))
        parts = {
            "a": {"age": ages[0], "gender": rng.choice("mf")},
            "b": {"age": ages[1], "gender": rng.choice("mf")},
        }
        d = _Draft(d_id, "pm", "minors", parts)
    else:
        parts = _room(rng, rng.randint(2, 3), "minors")
        d = _Draft(d_id, "room", audience, parts)
    keys = list(d.participants)
    _filler(d, w, keys, _TEEN, rng.randint(1, 3))
    for i in range(rng.randint(2, 4)):
        speaker = keys[i % len(keys)]
        d.say(speaker, w.line(_TEEN_BANTER + _BANTER[:9]))
        d.say(keys[(i + 1) % len(keys)], w.line(_TEEN_BANTER_REPLY + _TEEN_BANTER))
    return d


def _photo_things(d_id: str, w: _Writer) -> _Draft:
    """A room of all ages (or a chat between friends) asking each other for photos of things and places."""
    rng = w.rng
    w.reset()
    audience = rng.choice(("mixed", "mixed", "minors", "adults"))
    d = _Draft(d_id, "room", audience, _room(rng, rng.randint(3, 5), audience))
    keys = list(d.participants)
    _filler(d, w, keys, _ADULT if audience != "minors" else _TEEN, rng.randint(1, 3))
    for _ in range(rng.randint(1, 3)):
        d.say(rng.choice(keys), w.line(_PHOTO_THINGS))
        d.say(rng.choice(keys), w.line(_PHOTO_REPLY))
    _filler(d, w, keys, _ADULT + _TEEN[:10], rng.randint(1, 3))
    return d


_KINDS: tuple[tuple[Callable[[str, _Writer], _Draft], int], ...] = (
    (_grooming, 90),
    (_sexual_minors, 45),
    (_prostitution, 55),
    (_drugs, 55),
    (_ambush, 45),
    (_hate, 55),
    (_harassment, 65),
    (_self_harm, 45),
    (_spam, 40),
    (_benign, 260),
    (_teen_flirt, 40),
    (_identity, 90),
    (_group_talk, 150),
    (_group_hate, 60),
    (_teen_banter, 50),
    (_photo_things, 40),
)


def generate(seed: int = 0, scale: float = 1.0) -> list[dict[str, object]]:
    """The synthetic conversations (``scale`` × the default counts), deterministic for ``seed``."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible text generation, not security
    writer = _Writer(rng)
    out: list[dict[str, object]] = []
    for builder, count in _KINDS:
        for i in range(max(1, round(count * scale))):
            draft = builder(f"syn-{builder.__name__.strip('_')}-{i:03d}", writer)
            out.append(draft.record())
    return out
