"""The taxonomies every install starts with, in Lithuanian and English.

Administrators change them afterwards in the admin; running this again adds only what is
missing and never overwrites an administrator's edits.
"""

from django.db import migrations

# (code, Lithuanian, English)
CALLER_CATEGORIES = [
    ("guardian", "Globėjas (rūpintojas), nesusijęs giminystės ryšiais", "Non-kin foster carer / guardian"),
    ("kinship_guardian", "Globėjas giminaitis", "Kinship carer"),
    ("duty_carer", "Budintis globotojas", "Duty foster carer"),
    ("permanent_carer", "Nuolatinis globotojas", "Permanent foster carer"),
    ("adoptive_parent", "Įtėvis / įmotė", "Adoptive parent"),
    ("family_home", "Šeimynos dalyvis", "Family-home carer"),
    ("care_home_staff", "BVGN darbuotojas", "Community children's home staff"),
    (
        "prospective",
        "Ketinantis tapti globėju / budinčiu globotoju / įtėviu",
        "Prospective carer or adopter",
    ),
    ("child_or_care_leaver", "Vaikas / jaunuolis, buvęs globotinis", "Child, young person or care leaver"),
    ("birth_family", "Biologinės šeimos narys", "Birth parent or relative"),
    ("professional", "Specialistas", "Professional"),
    ("interested", "Besidomintis asmuo", "Interested member of the public"),
    ("unknown", "Nenurodyta", "Not stated"),
]

# (code, Lithuanian, English, [(code, Lithuanian, English, safeguarding), ...])
TOPICS = [
    (
        "becoming_carer",
        "Kaip tapti globėju",
        "Becoming a foster carer",
        [
            ("eligibility", "Kas gali tapti globėju (reikalavimai)", "Who can become a carer (eligibility)", False),
            ("documents", "Dokumentai ir prašymas", "Documents and application", False),
            ("assessment", "Vertinimas ir išvada", "Assessment and conclusion", False),
            ("kinship_care", "Globa giminaičių šeimoje", "Kinship care", False),
            ("temporary_permanent", "Laikinoji ir nuolatinė globa", "Temporary and permanent care", False),
            ("waiting_matching", "Laukimas ir vaiko parinkimas", "Waiting and matching with a child", False),
        ],
    ),
    (
        "duty_care",
        "Budintis globotojas",
        "Duty foster care",
        [
            ("duty_becoming", "Kaip tapti budinčiu globotoju", "Becoming a duty foster carer", False),
            ("duty_fee", "Atlygis ir mokesčiai", "Fee and taxes", False),
            ("duty_placement", "Vaiko apgyvendinimas ir perėjimas į kitą šeimą", "Placement and transition", False),
        ],
    ),
    (
        "adoption",
        "Įvaikinimas",
        "Adoption",
        [
            ("adoption_who", "Kas gali įvaikinti", "Who can adopt", False),
            ("adoption_procedure", "Įvaikinimo tvarka ir teismas", "Procedure and court", False),
            ("adoption_register", "Norinčių įvaikinti asmenų sąrašas", "The adoption register", False),
            ("stepchild_adoption", "Sutuoktinio vaiko įvaikinimas", "Step-child adoption", False),
            ("intercountry_adoption", "Tarptautinis įvaikinimas", "Intercountry adoption", False),
            ("origins", "Kilmės paieška ir atvirumas", "Origins and openness", False),
        ],
    ),
    (
        "training",
        "Mokymai (GIMK programa)",
        "Training (GIMK programme)",
        [
            ("training_schedule", "Mokymų tvarkaraštis ir registracija", "Schedule and registration", False),
            ("training_continuing", "Tęstiniai mokymai", "Continuing training", False),
        ],
    ),
    (
        "payments",
        "Išmokos ir parama",
        "Payments and benefits",
        [
            ("care_allowance", "Globos (rūpybos) išmoka ir tikslinis priedas", "Care allowance and target supplement", False),
            ("help_money", "Pagalbos pinigai", "Help money", False),
            ("adopter_benefits", "Įtėvių išmokos (Sodra)", "Adopters' benefits (Sodra)", False),
            ("care_leaver_support", "Parama globą paliekantiems jaunuoliams", "Support for care leavers", False),
        ],
    ),
    (
        "birth_family",
        "Ryšiai su biologine šeima",
        "Contact with the birth family",
        [
            ("family_meetings", "Susitikimai su biologine šeima", "Meetings with the birth family", False),
            ("siblings", "Broliai ir seserys", "Siblings", False),
            ("reunification", "Grįžimas į biologinę šeimą", "Reunification", False),
        ],
    ),
    (
        "legal",
        "Teisiniai klausimai",
        "Legal questions",
        [
            ("carer_rights", "Globėjų teisės ir pareigos", "Carers' rights and duties", False),
            ("disputes", "Ginčai ir skundai", "Disputes and complaints", False),
        ],
    ),
    (
        "parenting",
        "Vaiko auklėjimas ir gerovė",
        "Parenting and wellbeing",
        [
            ("behaviour", "Elgesys, prieraišumas ir trauma", "Behaviour, attachment and trauma", False),
            ("school_health", "Mokykla, sveikata ir negalia", "School, health and disability", False),
        ],
    ),
    (
        "crisis",
        "Krizė ir psichologinė pagalba",
        "Crisis and psychological support",
        [
            ("carer_crisis", "Globėjo krizė ar perdegimas", "Carer crisis or burnout", False),
            ("safeguarding", "Grėsmė vaikui (vaikas gali būti pavojuje)", "Safeguarding concern (a child may be in danger)", True),
        ],
    ),
    (
        "services",
        "Paslaugos",
        "Services",
        [
            ("foster_care_centres", "Globos centrai", "Foster care centres", False),
            ("respite", "Atokvėpio paslauga", "Respite", False),
            ("support_groups", "Paramos grupės", "Support groups", False),
            ("hosting", "Svečiavimasis", "Hosting", False),
        ],
    ),
    (
        "non_counselling",
        "Ne konsultacija",
        "Non-counselling",
        [
            ("about_line", "Klausimai apie liniją", "Questions about the line", False),
            ("feedback", "Atsiliepimai ir skundai", "Feedback and complaints", False),
        ],
    ),
    ("other", "Kitas klausimas", "Other question", []),
]

MUNICIPALITIES = [
    ("akmene-district", "Akmenės rajono savivaldybė", "Akmenė District Municipality"),
    ("alytus-city", "Alytaus miesto savivaldybė", "Alytus City Municipality"),
    ("alytus-district", "Alytaus rajono savivaldybė", "Alytus District Municipality"),
    ("anyksciai-district", "Anykščių rajono savivaldybė", "Anykščiai District Municipality"),
    ("birstonas", "Birštono savivaldybė", "Birštonas Municipality"),
    ("birzai-district", "Biržų rajono savivaldybė", "Biržai District Municipality"),
    ("druskininkai", "Druskininkų savivaldybė", "Druskininkai Municipality"),
    ("elektrenai", "Elektrėnų savivaldybė", "Elektrėnai Municipality"),
    ("ignalina-district", "Ignalinos rajono savivaldybė", "Ignalina District Municipality"),
    ("jonava-district", "Jonavos rajono savivaldybė", "Jonava District Municipality"),
    ("joniskis-district", "Joniškio rajono savivaldybė", "Joniškis District Municipality"),
    ("jurbarkas-district", "Jurbarko rajono savivaldybė", "Jurbarkas District Municipality"),
    ("kaisiadorys-district", "Kaišiadorių rajono savivaldybė", "Kaišiadorys District Municipality"),
    ("kalvarija", "Kalvarijos savivaldybė", "Kalvarija Municipality"),
    ("kaunas-city", "Kauno miesto savivaldybė", "Kaunas City Municipality"),
    ("kaunas-district", "Kauno rajono savivaldybė", "Kaunas District Municipality"),
    ("kazlu-ruda", "Kazlų Rūdos savivaldybė", "Kazlų Rūda Municipality"),
    ("kedainiai-district", "Kėdainių rajono savivaldybė", "Kėdainiai District Municipality"),
    ("kelme-district", "Kelmės rajono savivaldybė", "Kelmė District Municipality"),
    ("klaipeda-city", "Klaipėdos miesto savivaldybė", "Klaipėda City Municipality"),
    ("klaipeda-district", "Klaipėdos rajono savivaldybė", "Klaipėda District Municipality"),
    ("kretinga-district", "Kretingos rajono savivaldybė", "Kretinga District Municipality"),
    ("kupiskis-district", "Kupiškio rajono savivaldybė", "Kupiškis District Municipality"),
    ("lazdijai-district", "Lazdijų rajono savivaldybė", "Lazdijai District Municipality"),
    ("marijampole", "Marijampolės savivaldybė", "Marijampolė Municipality"),
    ("mazeikiai-district", "Mažeikių rajono savivaldybė", "Mažeikiai District Municipality"),
    ("moletai-district", "Molėtų rajono savivaldybė", "Molėtai District Municipality"),
    ("neringa", "Neringos savivaldybė", "Neringa Municipality"),
    ("pagegiai", "Pagėgių savivaldybė", "Pagėgiai Municipality"),
    ("pakruojis-district", "Pakruojo rajono savivaldybė", "Pakruojis District Municipality"),
    ("palanga-city", "Palangos miesto savivaldybė", "Palanga City Municipality"),
    ("panevezys-city", "Panevėžio miesto savivaldybė", "Panevėžys City Municipality"),
    ("panevezys-district", "Panevėžio rajono savivaldybė", "Panevėžys District Municipality"),
    ("pasvalys-district", "Pasvalio rajono savivaldybė", "Pasvalys District Municipality"),
    ("plunge-district", "Plungės rajono savivaldybė", "Plungė District Municipality"),
    ("prienai-district", "Prienų rajono savivaldybė", "Prienai District Municipality"),
    ("radviliskis-district", "Radviliškio rajono savivaldybė", "Radviliškis District Municipality"),
    ("raseiniai-district", "Raseinių rajono savivaldybė", "Raseiniai District Municipality"),
    ("rietavas", "Rietavo savivaldybė", "Rietavas Municipality"),
    ("rokiskis-district", "Rokiškio rajono savivaldybė", "Rokiškis District Municipality"),
    ("skuodas-district", "Skuodo rajono savivaldybė", "Skuodas District Municipality"),
    ("sakiai-district", "Šakių rajono savivaldybė", "Šakiai District Municipality"),
    ("salcininkai-district", "Šalčininkų rajono savivaldybė", "Šalčininkai District Municipality"),
    ("siauliai-city", "Šiaulių miesto savivaldybė", "Šiauliai City Municipality"),
    ("siauliai-district", "Šiaulių rajono savivaldybė", "Šiauliai District Municipality"),
    ("silale-district", "Šilalės rajono savivaldybė", "Šilalė District Municipality"),
    ("silute-district", "Šilutės rajono savivaldybė", "Šilutė District Municipality"),
    ("sirvintos-district", "Širvintų rajono savivaldybė", "Širvintos District Municipality"),
    ("svencionys-district", "Švenčionių rajono savivaldybė", "Švenčionys District Municipality"),
    ("taurage-district", "Tauragės rajono savivaldybė", "Tauragė District Municipality"),
    ("telsiai-district", "Telšių rajono savivaldybė", "Telšiai District Municipality"),
    ("trakai-district", "Trakų rajono savivaldybė", "Trakai District Municipality"),
    ("ukmerge-district", "Ukmergės rajono savivaldybė", "Ukmergė District Municipality"),
    ("utena-district", "Utenos rajono savivaldybė", "Utena District Municipality"),
    ("varena-district", "Varėnos rajono savivaldybė", "Varėna District Municipality"),
    ("vilkaviskis-district", "Vilkaviškio rajono savivaldybė", "Vilkaviškis District Municipality"),
    ("vilnius-city", "Vilniaus miesto savivaldybė", "Vilnius City Municipality"),
    ("vilnius-district", "Vilniaus rajono savivaldybė", "Vilnius District Municipality"),
    ("visaginas", "Visagino savivaldybė", "Visaginas Municipality"),
    ("zarasai-district", "Zarasų rajono savivaldybė", "Zarasai District Municipality"),
]

# (code, Lithuanian, English, needs a referral target)
OUTCOMES = [
    ("informed", "Suteikta informacija", "Informed", False),
    ("consulted", "Pakonsultuota", "Consulted", False),
    ("referred", "Nukreipta į kitą įstaigą ar specialistą", "Referred to another service", True),
    ("follow_up", "Sutartas tolesnis kontaktas", "Follow-up agreed", False),
    ("safeguarding_referral", "Pranešta apie grėsmę vaikui", "Safeguarding referral", True),
]

REFERRAL_TARGETS = [
    ("vvtaat", "VVTAĮT teritorinis skyrius", "VVTAĮT territorial division"),
    ("foster_care_centre", "Globos centras", "Foster care centre"),
    ("municipal_social_services", "Savivaldybės socialinės paslaugos", "Municipality social services"),
    ("sodra", "Sodra", "Sodra (State Social Insurance Fund)"),
    ("mental_health", "Psichologas ar psichikos sveikatos centras", "Psychologist or mental health centre"),
    ("gimk_trainers", "GIMK programos mokymų vadovai", "GIMK trainers"),
    ("police", "Policija / 112", "Police / 112"),
    ("legal_aid", "Teisinė pagalba", "Legal aid"),
    ("other", "Kita", "Other"),
]

HEARD_FROM = [
    ("internet_search", "Paieška internete", "Internet search"),
    ("foster_care_portal", "Globos ir įvaikinimo svetainė", "Foster-care portal"),
    ("social_media", "Socialiniai tinklai", "Social media"),
    ("foster_care_centre", "Globos centras", "Foster care centre"),
    ("vvtaat", "VVTAĮT", "VVTAĮT"),
    ("friends_family", "Draugai ar artimieji", "Friends or family"),
    ("media", "Žiniasklaida", "Media"),
    ("leaflet", "Lankstinukas ar plakatas", "Leaflet or poster"),
    ("other", "Kita", "Other"),
]


def no_extra(rest):
    return {}


def seed_list(model, rows, extra=no_extra):
    for index, (code, name_lt, name_en, *rest) in enumerate(rows, start=1):
        model.objects.get_or_create(
            code=code,
            defaults={"name_lt": name_lt, "name_en": name_en, "order": index * 10, **extra(rest)},
        )


def seed(apps, schema_editor):
    model = apps.get_model
    seed_list(model("consultations", "CallerCategory"), CALLER_CATEGORIES)
    seed_list(model("consultations", "Municipality"), MUNICIPALITIES)
    seed_list(
        model("consultations", "Outcome"),
        OUTCOMES,
        extra=lambda rest: {"needs_referral_target": rest[0]},
    )
    seed_list(model("consultations", "ReferralTarget"), REFERRAL_TARGETS)
    seed_list(model("consultations", "HeardFrom"), HEARD_FROM)
    Topic = model("consultations", "Topic")
    seed_list(Topic, [row[:3] for row in TOPICS])
    for code, _name_lt, _name_en, subtopics in TOPICS:
        parent = Topic.objects.get(code=code)
        seed_list(
            Topic,
            subtopics,
            extra=lambda rest, parent=parent: {"parent": parent, "safeguarding": rest[0]},
        )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
