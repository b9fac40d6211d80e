"""Apprentices' answers for the demo, written for it: praise, complaints, mixed feelings, a few
texts with personal data to mask, a vulgar-but-harmless one, an insult at a trainer, a spam, two
alerts. The moderation routing decides what becomes of each, as it would for real answers.

Each formation slot lists its responses: (overall rating 1–5, days ago, invited?, texts by
question id). `MASK`, `SPAM`, `INSULT`, `ALERT_FOLLOWED`, `REPLY_TO` and `REPORTED` mark the
texts the demo moderator, the CFA and a reader act on (`sirius.demo.reviews`).
"""

POSITIVE, IMPROVE, ADVICE = "commentaire_positif", "commentaire_ameliorer", "commentaire_conseil"

MASK = "Merci à Julie, ma formatrice de vente"
SPAM = "suivez ma page insta"
INSULT = "gros connard"
ALERT_FOLLOWED = "me crie dessus tous les jours"
REPLY_TO = "trop de la merde les horaires"
REPORTED = "Aucune aide pour trouver un logement"

SLOTS = [
    # A formation well above the publication threshold.
    [
        (
            5,
            34,
            True,
            {
                POSITIVE: "Les formateurs prennent le temps d'expliquer, même quand on galère. "
                "J'ai appris plus en six mois qu'en deux ans de lycée.",
                ADVICE: "Va aux portes ouvertes et pose des questions sur le rythme de "
                "l'alternance.",
            },
        ),
        (
            4,
            30,
            False,
            {
                POSITIVE: "Bonne ambiance dans la promo, on s'entraide beaucoup.",
                IMPROVE: "Les salles info sont vieilles, les PC rament et on perd du temps en TP.",
            },
        ),
        (
            2,
            26,
            True,
            {
                IMPROVE: "Le planning change tout le temps et on est prévenus la veille. "
                "Franchement c'est trop de la merde les horaires cette année.",
            },
        ),
        (
            5,
            21,
            True,
            {
                POSITIVE: "Merci à Julie, ma formatrice de vente, elle m'a aidé à trouver mon "
                "entreprise. Si tu veux des infos appelle-moi au 06 45 78 12 90.",
            },
        ),
        (
            1,
            12,
            False,
            {
                IMPROVE: "Le prof de compta est un gros connard, ses cours servent à rien et "
                "il sait pas expliquer.",
            },
        ),
        (
            3,
            8,
            True,
            {
                POSITIVE: "Le contenu des cours colle bien à ce que je fais en entreprise.",
                IMPROVE: "Le suivi par le centre est léger : on voit le référent une fois par an.",
                ADVICE: "Demande à être dans le groupe de M. Durand, il explique super bien.",
            },
        ),
        (
            1,
            2,
            True,
            {
                IMPROVE: "Mon maître d'apprentissage me crie dessus tous les jours et me menace "
                "de me virer si je dis quelque chose. J'ose plus rien dire, ça me bouffe.",
            },
        ),
    ],
    # Another formation above the threshold.
    [
        (
            4,
            33,
            True,
            {
                POSITIVE: "Formation sérieuse, les profs connaissent le métier parce qu'ils y "
                "ont travaillé avant.",
            },
        ),
        (
            5,
            29,
            False,
            {ADVICE: "Tiens bon la première année, après ça roule tout seul."},
        ),
        (
            2,
            24,
            True,
            {
                IMPROVE: "Aucune aide pour trouver un logement alors que le centre est à une "
                "heure de chez moi, et les transports coûtent une fortune.",
            },
        ),
        (
            3,
            19,
            False,
            {
                POSITIVE: "Pour tout savoir sur la formation suivez ma page insta "
                "@lucas_cuisine_pro et achetez mes tutos sur www.lucas-recettes.fr",
            },
        ),
        (
            4,
            11,
            True,
            {
                POSITIVE: "L'atelier est bien équipé, on travaille sur du vrai matériel "
                "professionnel, comme en entreprise.",
                ADVICE: "Si t'as des questions écris-moi à kevin.martin@gmail.com, je réponds "
                "à tout le monde.",
            },
        ),
        (
            1,
            1,
            True,
            {
                IMPROVE: "Au travail on me fait porter des charges énormes sans protection, je "
                "me suis déjà blessé au dos et mon patron dit que c'est normal.",
            },
        ),
    ],
    # A formation right at the threshold (5 responses).
    [
        (
            4,
            28,
            True,
            {
                POSITIVE: "Les cours de pratique sont concrets et les examens blancs nous "
                "préparent bien au diplôme. Je conseille de réviser avec les annales fournies "
                "par le centre, elles ressemblent beaucoup aux vraies épreuves.",
            },
        ),
        (
            3,
            22,
            False,
            {
                POSITIVE: "Les formateurs sont sympas.",
                IMPROVE: "La cantine est chère et il n'y a pas de micro-ondes pour ceux qui "
                "ramènent leur repas.",
            },
        ),
        (
            5,
            15,
            True,
            {POSITIVE: "Super expérience, je recommande à 100 % !"},
        ),
        (
            2,
            9,
            True,
            {
                IMPROVE: "On a eu trois formateurs différents en maths cette année, "
                "impossible de suivre un programme cohérent.",
            },
        ),
        (
            4,
            4,
            False,
            {
                POSITIVE: "Mon entreprise m'a trouvée grâce au job dating du centre, "
                "c'était bien organisé.",
            },
        ),
    ],
    # A formation below the threshold: nothing of it is public yet.
    [
        (
            4,
            20,
            True,
            {POSITIVE: "Bons formateurs, petite promo donc on est bien suivis."},
        ),
        (
            3,
            10,
            False,
            {IMPROVE: "Le rythme deux semaines / deux semaines est fatigant au début."},
        ),
        (
            5,
            3,
            True,
            {ADVICE: "N'hésite pas, l'équipe est à l'écoute et le diplôme est reconnu."},
        ),
    ],
]

CFA_REPLY = (
    "Bonjour, merci pour ton retour. Le planning de l'an prochain est déjà fixé et te sera "
    "remis dès la rentrée. N'hésite pas à en parler à Mme Lefèvre, responsable pédagogique."
)
PUBLIC_REPORT = (
    "Ce n'est pas exact : le centre propose une aide au logement et au transport, c'est écrit "
    "sur son site."
)
ALERT_NOTE = "Appel au centre de formation prévu ce matin pour joindre le référent handicap."
