"""The knowledge base's first articles, written for Linija.

Public answers in Lithuanian with their English versions, internal guides for specialists and
canned replies for chat and e-mail. Amounts change every year and are never written here: the
payment articles say where to check the current amount, and every article carries the day it
was checked, so the knowledge base flags it to its owner when it is due for a new check.
Running this again adds only the articles that are missing.
"""

import datetime

from django.db import migrations

from linija.knowledge.analysis import index_fields, index_written_stems

CHECKED_ON = datetime.date(2026, 11, 26)
HARD_BREAK = "  \n"  # Markdown: two spaces before a line break keep the line break.

# (Lithuanian slug, English slug, topic code, (Lithuanian title, body), (English title, body)):
# the public answers.
PUBLIC = [
    (
        "kaip-tapti-globeju",
        "becoming-a-foster-carer",
        "eligibility",
        (
            "Kaip tapti globėju?",
            """Globėju gali tapti pilnametis, veiksnus asmuo, kuriam yra **nuo 21 iki 65 metų** ir kuris
nėra teistas už tyčinius nusikaltimus. Globoti gali ir pora, ir vienas žmogus. Svarbiausia – noras
ir galimybė suteikti vaikui saugius namus, laiką ir rūpestį.

Kelias iki globos paprastai toks:

1. Pasikalbate su mumis arba su artimiausiu globos centru – atsakysime į klausimus ir padėsime
   įvertinti, ar globa jums tinka.
2. Pateikiate prašymą Valstybės vaiko teisių apsaugos ir įvaikinimo tarnybos (VVTAĮT)
   teritoriniam skyriui pagal gyvenamąją vietą.
3. Dalyvaujate mokymuose pagal GIMK programą.
4. Specialistai įvertina jūsų pasirengimą ir parengia išvadą.
5. Kai išvada teigiama, jums gali būti parinktas vaikas.

Giminaičiams (pavyzdžiui, seneliams, dėdėms ar tetoms) kai kurie reikalavimai taikomi lanksčiau –
žr. [atsakymą apie globą giminaičių šeimoje](/duk/globa-giminaiciu-seimoje/).

Turite klausimų apie savo situaciją? Paskambinkite ar parašykite – konsultuojame nemokamai ir
galite likti anonimiški.""",
        ),
        (
            "How do I become a foster carer?",
            """You can become a foster carer if you are an adult with full legal capacity, **aged 21 to 65**,
and have not been convicted of an intentional crime. Both couples and single people can foster.
What matters most is the wish and the ability to give a child a safe home, time and care.

The usual path is:

1. Talk to us or to your nearest foster care centre – we will answer your questions and help you
   decide whether fostering suits you.
2. Apply to the territorial division of the State Child Rights Protection and Adoption Service
   (VVTAĮT) where you live.
3. Take part in the GIMK training programme.
4. Specialists assess how ready you are and prepare a conclusion.
5. Once the conclusion is positive, a child may be matched with you.

Some requirements are applied more flexibly to relatives (grandparents, uncles or aunts, for
example) – see the [answer on kinship care](/en/duk/kinship-care/).

Questions about your own situation? Call or write to us – advice is free and you can stay
anonymous.""",
        ),
    ),
    (
        "dokumentai-ir-prasymas",
        "documents-and-application",
        "documents",
        (
            "Kokių dokumentų reikia norint tapti globėju?",
            """Prašymą tapti globėju pateikiate **VVTAĮT teritoriniam skyriui** pagal savo gyvenamąją vietą.
Kartu su prašymu paprastai reikia:

- **sveikatos pažymos (forma 046/a)** – ją išduoda jūsų šeimos gydytojas;
- **kartu gyvenančių pilnamečių šeimos narių rašytinio sutikimo**, kad vaikas gyventų jūsų namuose;
- asmens tapatybės dokumento.

Kitus reikalingus dokumentus ir pažymas skyriaus specialistai nurodys pokalbio metu – kai kurias
pažymas (pavyzdžiui, apie teistumą) jie gauna patys iš registrų.

Patarimas: prieš eidami į skyrių, paskambinkite ir susitarkite dėl laiko – taip išvengsite
nereikalingų kelionių. Jei abejojate, ar turite viską, kas reikia, paklauskite mūsų.""",
        ),
        (
            "What documents do I need to become a foster carer?",
            """You apply to the **VVTAĮT territorial division** where you live. With the application you
usually need:

- a **health certificate (form 046/a)** from your family doctor;
- the **written consent of the adults living with you** to a child living in your home;
- your identity document.

The division's specialists will tell you about any other documents during your meeting – some
certificates (for example on criminal records) they obtain themselves from the registers.

Tip: call the division before you go and agree on a time. If you are unsure whether you have
everything you need, ask us.""",
        ),
    ),
    (
        "vertinimas-ir-isvada",
        "assessment-and-conclusion",
        "assessment",
        (
            "Kaip vertinamas pasirengimas globoti ir kiek galioja išvada?",
            """Po prašymo prasideda pasirengimo globai vertinimas. Jo metu baigiate **GIMK programos
mokymus**, o specialistai susitinka su jumis, apsilanko jūsų namuose ir kalbasi su visais šeimos
nariais. Tai ne egzaminas: vertinimas padeda suprasti, kokiam vaikui ir kokia globa jūsų šeima
geriausiai tinka, ir kokios pagalbos jums gali prireikti.

Baigus vertinimą, parengiama **išvada dėl jūsų tinkamumo būti globėjais**. Išvada galioja
**24 mėnesius**. Jei per šį laiką vaikas jums nebuvo parinktas, išvadą reikia atnaujinti –
kreipkitės į VVTAĮT teritorinį skyrių iš anksto.

Jei išvada neigiama ir su ja nesutinkate, galite paprašyti paaiškinimo ir ją apskųsti –
papasakosime, kaip tai padaryti.""",
        ),
        (
            "How is readiness to foster assessed, and how long is the conclusion valid?",
            """After you apply, the assessment of your readiness begins. You complete the **GIMK training**,
and specialists meet you, visit your home and talk with everyone in the family. It is not an exam:
the assessment shows which child and which kind of care suit your family best, and what support you
may need.

At the end, a **conclusion on your suitability as carers** is prepared. It is valid for
**24 months**. If no child has been matched with you in that time, the conclusion has to be renewed
– contact the VVTAĮT territorial division in good time.

If the conclusion is negative and you disagree, you can ask for the reasons and appeal – we will
explain how.""",
        ),
    ),
    (
        "globa-giminaiciu-seimoje",
        "kinship-care",
        "kinship_care",
        (
            "Globa giminaičių šeimoje: kai vaiką globoja seneliai ar kiti artimieji",
            """Kai vaikas negali gyventi su tėvais, pirmiausia ieškoma galimybės, kad jį globotų
**giminaičiai** – seneliai, broliai ar seserys, tetos, dėdės. Vaikui taip lengviau: jis lieka
pažįstamoje aplinkoje ir su artimais žmonėmis.

Giminaitis, norintis tapti globėju, taip pat kreipiasi į **VVTAĮT teritorinį skyrių**. Kai kurie
reikalavimai giminaičiams taikomi lanksčiau (pavyzdžiui, dėl amžiaus, jei tai atitinka vaiko
interesus), tačiau jų pasirengimas taip pat įvertinamas, o mokymai ir pagalba siūlomi kaip ir
kitiems globėjams.

Globėjai giminaičiai turi teisę į globos išmokas ir globos centro pagalbą: konsultacijas,
paramos grupes, atokvėpį. Jei globojate anūką ar kitą giminaitį ir jaučiatės pavargę ar vieniši –
paskambinkite mums.""",
        ),
        (
            "Kinship care: when grandparents or other relatives care for a child",
            """When a child cannot live with their parents, the first option looked for is care by
**relatives** – grandparents, adult brothers or sisters, aunts or uncles. It is easier for the
child: they stay among familiar people and surroundings.

A relative who wishes to become a carer also applies to the **VVTAĮT territorial division**. Some
requirements are applied more flexibly to relatives (for example on age, where this is in the
child's interests), but their readiness is assessed too, and training and support are offered as
to other carers.

Kinship carers are entitled to care payments and to the support of a foster care centre:
counselling, support groups, respite. If you care for a grandchild or another relative and feel
tired or alone – call us.""",
        ),
    ),
    (
        "laikinoji-ir-nuolatine-globa",
        "temporary-and-permanent-care",
        "temporary_permanent",
        (
            "Kuo skiriasi laikinoji ir nuolatinė globa?",
            """**Laikinoji globa** nustatoma, kai tikimasi, kad vaikas galės grįžti pas tėvus. Ji trunka
ribotą laiką; tuo metu tėvams teikiama pagalba, o vaikas palaiko ryšį su savo šeima. Laikinoji
globa gali baigtis vaiko grįžimu namo arba, jei grįžti neįmanoma, virsti nuolatine globa.

**Nuolatinė globa** nustatoma, kai vaikas negali grįžti į šeimą. Vaikas gyvena globėjų šeimoje
ilgą laiką, dažnai iki pilnametystės, tačiau ryšiai su biologine šeima, jei tai atitinka vaiko
interesus, palaikomi ir toliau.

Globa – ne įvaikinimas: vaikas išlaiko savo pavardę ir teisinius ryšius su tėvais. Jei norite
vaikui tapti tėvais visam gyvenimui, skaitykite [apie įvaikinimą](/duk/ivaikinimo-zingsniai/).""",
        ),
        (
            "What is the difference between temporary and permanent care?",
            """**Temporary care** is set up when the child is expected to be able to return to their
parents. It lasts for a limited time; meanwhile the parents receive help and the child keeps in
touch with their family. Temporary care may end with the child going home or, if that is not
possible, become permanent care.

**Permanent care** is set up when the child cannot return to the family. The child lives with the
carers for a long time, often until adulthood, but contact with the birth family continues where
it is in the child's interests.

Foster care is not adoption: the child keeps their surname and legal ties with their parents. If
you want to become a child's parents for life, read [about adoption](/en/duk/adoption-step-by-step/).""",
        ),
    ),
    (
        "budintis-globotojas",
        "duty-foster-care",
        "duty_becoming",
        (
            "Kas yra budintis globotojas ir kaip juo tapti?",
            """**Budintis globotojas** priima vaiką į savo namus iš karto, kai vaikui reikia saugios vietos –
dažnai per kelias valandas. Vaikas gyvena su budinčiu globotoju, kol išsprendžiama, ar jis grįš pas
tėvus, ar bus globojamas kitoje šeimoje ar įvaikintas.

Svarbiausia:

- vienu metu budintis globotojas gali prižiūrėti **ne daugiau kaip 3 vaikus** (kaip į šį skaičių
  įskaičiuojami jūsų pačių maži vaikai, paaiškins globos centras);
- reikia baigti **GIMK programos bazinius ir specializuotus mokymus**;
- budintis globotojas sudaro sutartį su **globos centru**, kuris jį nuolat konsultuoja ir padeda;
- už šią veiklą mokamas **atlygis**, kurį nustato savivaldybė.

Norite tapti budinčiu globotoju? Kreipkitės į savo savivaldybės globos centrą arba
paskambinkite mums.""",
        ),
        (
            "What is a duty foster carer and how do I become one?",
            """A **duty foster carer** takes a child into their home at once, when the child needs a safe
place – often within hours. The child stays with the duty carer until it is decided whether they
will go back to their parents, or be fostered by another family, or adopted.

The key points:

- a duty foster carer may look after **no more than 3 children** at a time (the foster care centre
  will explain how your own young children count);
- you need to complete the **GIMK basic and specialised training**;
- you sign an agreement with a **foster care centre**, which advises and supports you throughout;
- you are paid a **fee** set by the municipality.

Would you like to become a duty foster carer? Contact the foster care centre of your
municipality or call us.""",
        ),
    ),
    (
        "budincio-globotojo-atlygis",
        "duty-foster-carer-fee",
        "duty_fee",
        (
            "Koks budinčio globotojo atlygis ir ar jis apmokestinamas?",
            """Budinčio globotojo **atlygį nustato kiekviena savivaldybė**, todėl skirtingose
savivaldybėse jis gali skirtis. Atlygis skaičiuojamas **minimaliosios mėnesinės algos (MMA)**
dydžiais, o MMA keičiasi kasmet – kartu keičiasi ir atlygis.

Dabartinė suma nustatoma kiekvienais metais, todėl jos čia nerašome. **Dabartinį dydį
pasitikrinkite** savo savivaldybės sprendimuose arba paklauskite globos centro, su kuriuo sudarote
sutartį.

Be atlygio, vaikui mokama globos (rūpybos) išmoka ir kitos vaikui skirtos išmokos. Atlygis
apmokestinamas; kokie mokesčiai ir įmokos taikomi jūsų atveju, paaiškins globos centras ar
Valstybinė mokesčių inspekcija.""",
        ),
        (
            "How much is a duty foster carer paid, and is it taxed?",
            """The duty foster carer's **fee is set by each municipality**, so it can differ between
municipalities. It is counted in units of the **minimum monthly wage (MMA)**, which changes every
year – and the fee changes with it.

The current amount is set each year, so we do not write it here. **Check the current amount** in
your municipality's decisions or ask the foster care centre you have the agreement with.

Besides the fee, the child receives the care allowance and other child benefits. The fee is taxed;
the foster care centre or the State Tax Inspectorate (VMI) will explain which taxes and
contributions apply to you.""",
        ),
    ),
    (
        "kas-gali-ivaikinti",
        "who-can-adopt",
        "adoption_who",
        (
            "Kas gali įvaikinti vaiką?",
            """Įvaikinti gali **pilnamečiai veiksnūs asmenys** – sutuoktiniai arba vienas asmuo.
Įstatymas nustato amžiaus ribas: paprastai įtėviams turi būti ne daugiau kaip 50 metų, o amžiaus
skirtumas tarp įtėvio ir vaiko – ne mažesnis kaip 18 metų. Išimtys galimos, kai to reikia vaiko
interesams (pavyzdžiui, įvaikinant sutuoktinio vaiką ar giminaitį).

Norintieji įvaikinti taip pat:

- dalyvauja mokymuose pagal **GIMK programą**;
- gauna **išvadą dėl tinkamumo** įvaikinti;
- įrašomi į **norinčių įvaikinti asmenų sąrašą**.

Įvaikinti negali asmenys, kurių sveikata ar kitos aplinkybės (pavyzdžiui, teistumas) neleistų
tinkamai rūpintis vaiku. Kiekvieną situaciją vertina VVTAĮT teritorinis skyrius – jei abejojate,
paklauskite mūsų ar skyriaus specialistų.""",
        ),
        (
            "Who can adopt a child?",
            """Adults with full legal capacity can adopt – a married couple or one person. The law sets age
limits: adoptive parents are usually no older than 50, and the age difference between the adoptive
parent and the child is at least 18 years. Exceptions are possible where the child's interests
require it (for example when adopting a spouse's child or a relative).

People who wish to adopt also:

- take part in the **GIMK training programme**;
- receive a **conclusion on their suitability** to adopt;
- are entered in the **register of people wishing to adopt**.

People whose health or other circumstances (a criminal record, for example) would keep them from
caring for a child properly cannot adopt. The VVTAĮT territorial division assesses each situation –
if you are unsure, ask us or the division's specialists.""",
        ),
    ),
    (
        "ivaikinimo-zingsniai",
        "adoption-step-by-step",
        "adoption_procedure",
        (
            "Kaip vyksta įvaikinimas: žingsnis po žingsnio",
            """1. **Pokalbis ir prašymas.** Kreipiatės į VVTAĮT teritorinį skyrių pagal gyvenamąją vietą
   ir pateikiate prašymą.
2. **Mokymai ir vertinimas.** Baigiate GIMK programos mokymus, specialistai įvertina jūsų
   pasirengimą ir parengia išvadą.
3. **Sąrašas.** Esate įrašomi į norinčių įvaikinti asmenų sąrašą. Eilė sudaroma pagal
   **įrašymo datą**.
4. **Vaiko parinkimas ir susipažinimas.** Kai parenkamas vaikas, gaunate informaciją apie jį,
   susipažįstate ir pamažu bendraujate vis daugiau.
5. **Teismas.** Įvaikinimą tvirtina **teismas** ypatingosios teisenos tvarka. Teismas įsitikina,
   kad įvaikinimas atitinka vaiko interesus; jei vaikui 10 metų ar daugiau, atsižvelgiama ir į jo
   nuomonę.
6. **Po įvaikinimo.** Vaikas tampa jūsų vaiku su visomis teisėmis ir pareigomis. Jums ir toliau
   gali padėti globos centras, paramos grupės ir mūsų linija.

Kiek laiko tai užtrunka, labai priklauso nuo to, kokio amžiaus vaiką norite įvaikinti. Papasakosime
daugiau – paskambinkite ar parašykite.""",
        ),
        (
            "How adoption works, step by step",
            """1. **Meeting and application.** You contact the VVTAĮT territorial division where you live
   and apply.
2. **Training and assessment.** You complete the GIMK training; specialists assess your readiness
   and prepare a conclusion.
3. **The register.** You are entered in the register of people wishing to adopt, which is ordered
   by **date of registration**.
4. **Matching and getting to know each other.** When a child is matched with you, you receive
   information about the child, meet, and gradually spend more time together.
5. **Court.** The adoption is approved by a **court** in special proceedings. The court makes sure
   the adoption is in the child's interests; a child aged 10 or more is heard too.
6. **After the adoption.** The child becomes your child with all rights and duties. A foster care
   centre, support groups and our line can go on helping you.

How long it takes depends a lot on the age of the child you wish to adopt. Call or write to us to
learn more.""",
        ),
    ),
    (
        "norinciu-ivaikinti-sarasas",
        "adoption-register",
        "adoption_register",
        (
            "Norinčių įvaikinti asmenų sąrašas: kaip veikia eilė?",
            """Gavę teigiamą išvadą, būsimi įtėviai įrašomi į **norinčių įvaikinti asmenų sąrašą**.
Sąrašas sudaromas **pagal įrašymo datą**: kuo anksčiau įrašyti, tuo anksčiau jums bus pasiūlyta
susipažinti su vaiku, atitinkančiu jūsų pageidavimus ir galimybes.

Laukimo trukmė priklauso nuo to, kokio vaiko laukiate: mažų vaikų be sveikatos sutrikimų laukia
daugiausia šeimų, o vyresniems vaikams, broliams ir seserims ar vaikams su negalia šeimos
ieškoma ilgiau.

Savo vietą sąraše ir kitas su juo susijusias žinias galite pasitikslinti VVTAĮT. Atminkite, kad
išvada galioja ribotą laiką – ją laiku atnaujinkite.""",
        ),
        (
            "The register of people wishing to adopt: how does the queue work?",
            """With a positive conclusion, prospective adoptive parents are entered in the **register of
people wishing to adopt**. The register is ordered **by date of registration**: the earlier you
were entered, the sooner you will be offered to meet a child who matches your wishes and abilities.

How long you wait depends on the child you are waiting for: most families wait for young children
without health problems, while families for older children, brothers and sisters, or children with
disabilities take longer to find.

You can check your place in the register and other details with VVTAĮT. Remember that the
conclusion is valid for a limited time – renew it in good time.""",
        ),
    ),
    (
        "sutuoktinio-vaiko-ivaikinimas",
        "stepchild-adoption",
        "stepchild_adoption",
        (
            "Sutuoktinio vaiko įvaikinimas: kaip įvaikinti sutuoktinio vaiką?",
            """Sutuoktinio vaiko įvaikinimas – dažnas atvejis, kai šeima nori, kad abu vaiką auginantys
sutuoktiniai turėtų vienodas teises ir pareigas.

Paprastai reikia:

- kreiptis į **VVTAĮT teritorinį skyrių** ir pateikti prašymą;
- gauti kito biologinio tėvo ar motinos **sutikimą** (išskyrus įstatymo numatytus atvejus,
  pavyzdžiui, kai tėvas ar motina mirę ar teismas yra apribojęs jų valdžią neterminuotai);
- atsižvelgti į vaiko nuomonę – jei vaikui 10 metų ar daugiau, reikia ir jo sutikimo;
- įvaikinimą patvirtina **teismas**.

Kokie žingsniai (pavyzdžiui, mokymai ar vertinimas) taikomi būtent jūsų atveju, paaiškins VVTAĮT
skyrius. Galime padėti pasiruošti pokalbiui ir papasakoti, kaip su vaiku kalbėtis apie įvaikinimą.""",
        ),
        (
            "Stepchild adoption: how can I adopt my spouse's child?",
            """Stepchild adoption is common when a family wants both spouses raising the child to have the
same rights and duties.

Usually you need to:

- apply to the **VVTAĮT territorial division**;
- obtain the **consent** of the other birth parent (except where the law provides otherwise, for
  example when that parent has died or a court has restricted their parental authority
  indefinitely);
- take the child's view into account – a child aged 10 or more must consent too;
- have the adoption approved by a **court**.

The VVTAĮT division will explain which steps (training or assessment, for example) apply in your
case. We can help you prepare for the meeting and talk about how to speak with the child about
adoption.""",
        ),
    ),
    (
        "tarptautinis-ivaikinimas",
        "intercountry-adoption",
        "intercountry_adoption",
        (
            "Tarptautinis įvaikinimas: kai šeima ir vaikas gyvena skirtingose šalyse",
            """Tarptautinis įvaikinimas vyksta tada, kai įtėviai ir vaikas gyvena skirtingose šalyse.
Lietuva laikosi **1993 m. Hagos konvencijos dėl vaikų apsaugos ir bendradarbiavimo tarptautinio
įvaikinimo srityje**: vaikui šeimos užsienyje ieškoma tik tada, kai jam nepavyksta rasti šeimos
Lietuvoje.

- **Gyvenate užsienyje ir norite įvaikinti vaiką iš Lietuvos?** Kreipkitės į savo gyvenamosios
  šalies įvaikinimo instituciją arba akredituotą organizaciją – ji bendradarbiauja su VVTAĮT.
- **Gyvenate Lietuvoje ir norite įvaikinti vaiką iš kitos šalies?** Kreipkitės į VVTAĮT –
  ten paaiškins, su kuriomis šalimis tai įmanoma ir kokie reikalavimai taikomi.

Tarptautinis įvaikinimas paprastai trunka ilgiau ir reikalauja daugiau dokumentų. Jei nežinote,
nuo ko pradėti, paklauskite mūsų.""",
        ),
        (
            "Intercountry adoption: when the family and the child live in different countries",
            """Intercountry adoption takes place when the adoptive parents and the child live in different
countries. Lithuania follows the **1993 Hague Convention on Protection of Children and Co-operation
in Respect of Intercountry Adoption**: a family abroad is sought for a child only when no family can
be found in Lithuania.

- **You live abroad and wish to adopt a child from Lithuania?** Contact the adoption authority of
  the country where you live or an accredited agency – it works with VVTAĮT.
- **You live in Lithuania and wish to adopt a child from another country?** Contact VVTAĮT – they
  will explain with which countries this is possible and which requirements apply.

Intercountry adoption usually takes longer and needs more documents. If you do not know where to
start, ask us.""",
        ),
    ),
    (
        "kilme-ir-atvirumas",
        "origins-and-openness",
        "origins",
        (
            "Kaip su vaiku kalbėtis apie įvaikinimą ir jo kilmę?",
            """Daug įtėvių klausia, kaip ir kada pasakyti vaikui, kad jis įvaikintas. Vaikas turi teisę
žinoti savo istoriją, todėl specialistai pataria apie įvaikinimą kalbėti
**anksti, atvirai ir pagal vaiko amžių** – geriau, kad vaikas tai išgirstų iš jūsų, nei
atsitiktinai iš kitų.

Keli patarimai:

- pradėkite nuo paprastų žodžių ir trumpos istorijos, kurią vaikas gali klausyti vis iš naujo;
- nemeluokite ir nesmerkite biologinių tėvų – vaikas gali tai priimti kaip kritiką sau;
- atsakykite į klausimus, kai jie kyla, net jei jie nepatogūs;
- saugokite nuotraukas, dokumentus ir kitus prisiminimus iš vaiko praeities.

Suaugęs įvaikintas asmuo gali ieškoti informacijos apie savo kilmę – dėl to kreipiamasi į VVTAĮT.
Jei nežinote, kaip pradėti tokį pokalbį, paskambinkite mums – pasikalbėsime.""",
        ),
        (
            "How do I talk with my child about adoption and their origins?",
            """Many adoptive parents ask how and when to tell their child that they were adopted. Children
have the right to know their story, so specialists advise talking about adoption
**early, openly and in a way that suits the child's age** – it is better for the child to hear it
from you than by chance from others.

A few tips:

- start with simple words and a short story the child can hear again and again;
- do not lie, and do not judge the birth parents – the child may take it as criticism of
  themselves;
- answer questions when they come, even awkward ones;
- keep photos, documents and other memories of the child's past.

An adopted adult can look for information about their origins – they contact VVTAĮT. If you do
not know how to start such a conversation, call us – let us talk it over.""",
        ),
    ),
    (
        "gimk-mokymai",
        "gimk-training",
        "training_schedule",
        (
            "GIMK mokymai: kas tai ir kaip užsiregistruoti?",
            """**GIMK** – tai globėjų (rūpintojų), budinčių globotojų, šeimynų dalyvių ir įtėvių mokymo
ir konsultavimo programa. Mokymus veda **sertifikuoti GIMK programos mokymų vadovai**, dažniausiai
globos centruose ar VVTAĮT.

Mokymų metu:

- sužinosite, ką išgyvena vaikas, netekęs tėvų globos, kaip veikia prieraišumas ir trauma;
- aptarsite, kaip globa ar įvaikinimas pakeis jūsų šeimos gyvenimą;
- susipažinsite su kitomis šeimomis, kurios ruošiasi tam pačiam.

Mokymai vyksta grupėse, keletą savaičių. Budintiems globotojams, be bazinių, skirti ir
specializuoti mokymai. Jau globojantys ir įvaikinę gali dalyvauti **tęstiniuose mokymuose**.

**Kaip užsiregistruoti:** kreipkitės į savo savivaldybės globos centrą arba VVTAĮT teritorinį
skyrių – jie nurodys artimiausių grupių laiką ir vietą.""",
        ),
        (
            "GIMK training: what is it and how do I register?",
            """**GIMK** is the training and counselling programme for foster carers and guardians, duty foster
carers, family-home carers and adoptive parents. It is led by **certified GIMK trainers**, most
often at foster care centres or VVTAĮT.

During the training you will:

- learn what a child who has lost parental care goes through, and how attachment and trauma work;
- discuss how fostering or adoption will change your family's life;
- meet other families preparing for the same step.

The training takes place in groups over several weeks. Duty foster carers take specialised
training besides the basic course. Those who already foster or have adopted can join **continuing
training**.

**How to register:** contact your municipality's foster care centre or the VVTAĮT territorial
division – they will tell you when and where the next groups start.""",
        ),
    ),
    (
        "globos-ismoka-ir-tikslinis-priedas",
        "care-allowance-and-target-supplement",
        "care_allowance",
        (
            "Globos (rūpybos) išmoka ir tikslinis priedas",
            """Kiekvienam globojamam vaikui mokama **globos (rūpybos) išmoka** – ji skirta vaiko
poreikiams. Globojamam šeimoje, šeimynoje ar bendruomeniniuose vaikų globos namuose vaikui
papildomai mokamas **globos (rūpybos) išmokos tikslinis priedas**.

Abi išmokos skaičiuojamos **bazinės socialinės išmokos (BSI)** dydžiais, o BSI keičiasi kasmet.
Dabartinė suma nustatoma kiekvienais metais, todėl jos čia nerašome – **dabartinį dydį
pasitikrinkite** savo savivaldybės socialinės paramos skyriuje arba savivaldybės svetainėje.

Išmokas skiria ir moka **savivaldybė**, kurioje gyvena vaikas ir globėjas: prašymą pateikite
seniūnijai arba savivaldybės socialinės paramos skyriui, kai tik nustatoma globa. Globos išmoka
gali būti mokama ir vaikui sulaukus pilnametystės, jei jis toliau mokosi – dėl sąlygų
pasiteiraukite savivaldybėje.""",
        ),
        (
            "Care allowance and target supplement",
            """A **care allowance** is paid for every child in care, for the child's needs. For a child
cared for in a family, a family home or a community children's home, a **target supplement** to the
care allowance is paid as well.

Both are counted in units of the **basic social benefit (BSI)**, which changes every year. The
current amount is set each year, so we do not write it here – **check the current amount** with
your municipality's social support division or on the municipality's website.

The payments are granted and paid by the **municipality** where the child and the carer live:
apply to your eldership (seniūnija) or the municipality's social support division as soon as care
is set up. The allowance may continue after the child turns 18 if they are still in education –
ask your municipality about the conditions.""",
        ),
    ),
    (
        "pagalbos-pinigai",
        "help-money",
        "help_money",
        (
            "Pagalbos pinigai: kas tai ir kam jie mokami?",
            """**Pagalbos pinigai** – savivaldybės mokama suma globėjams, kurie augina vaiką savo
šeimoje. Jie skirti padėti padengti su vaiko priežiūra susijusias išlaidas ir papildo vaikui
mokamas išmokas.

- Pagalbos pinigus moka **savivaldybė**; jų dydį ir mokėjimo tvarką nustato pati savivaldybė,
  todėl skirtingose savivaldybėse jie skiriasi.
- Ne visi globėjai juos gauna: dažniausiai jie mokami globėjams, nesusijusiems su vaiku
  giminystės ryšiais. Ar jie priklauso jums, pasitikslinkite savivaldybėje.
- Dabartinė suma nustatoma kiekvienais metais – **dabartinį dydį pasitikrinkite** savivaldybės
  sprendimuose ar globos centre.

Jei savivaldybė atsisakė mokėti ir nesutinkate su sprendimu, papasakosime, kur kreiptis.""",
        ),
        (
            "Help money (pagalbos pinigai): what is it and who receives it?",
            """**Help money** (pagalbos pinigai) is paid by the municipality to carers who raise a child in
their family. It helps to cover the costs of caring for the child and comes on top of the payments
made for the child.

- Help money is paid by the **municipality**, which also sets its amount and rules, so it differs
  from one municipality to another.
- Not every carer receives it: it is usually paid to carers who are not related to the child. Ask
  your municipality whether it applies to you.
- The current amount is set each year – **check the current amount** in your municipality's
  decisions or with your foster care centre.

If the municipality refused to pay and you disagree with the decision, we will tell you where to
turn.""",
        ),
    ),
    (
        "itevu-ismokos",
        "adopters-benefits",
        "adopter_benefits",
        (
            "Kokios išmokos priklauso įvaikinus vaiką?",
            """Įvaikinę vaiką, turite tas pačias teises kaip ir kiti tėvai. Tai reiškia:

- **Sodros išmokos.** Jei esate apdrausti, įvaikinus galima gauti **motinystės (tėvystės) ir
  vaiko priežiūros išmokas** – Sodra jas skiria įtėviams panašiomis sąlygomis kaip ir kitiems
  tėvams. Sąlygas ir dydžius pasitikrinkite **Sodros svetainėje** arba paskambinę Sodrai.
- **Vaiko pinigai** mokami kaip ir kitiems vaikams.
- **Savivaldybės parama.** Kai kurios savivaldybės moka papildomas išmokas įvaikinus vaiką –
  pasiteiraukite savo savivaldybėje.

Išmokų dydžiai keičiasi kasmet, todėl jų čia nerašome – dabartinius dydžius pasitikrinkite
Sodroje ir savivaldybėje. Kreipkitės laiku: kai kurioms išmokoms prašymą reikia pateikti per
nustatytą laiką.""",
        ),
        (
            "What benefits can I get after adopting a child?",
            """Once you adopt a child, you have the same rights as other parents. This means:

- **Sodra benefits.** If you are insured, after adoption you can receive **maternity (paternity)
  and childcare benefits** – Sodra grants them to adoptive parents on terms similar to other
  parents. Check the conditions and amounts on **Sodra's website** or by calling Sodra.
- **Child benefit** (vaiko pinigai) is paid as for any other child.
- **Municipal support.** Some municipalities pay additional benefits after an adoption – ask your
  municipality.

Amounts change every year, so we do not write them here – check the current amounts with Sodra and
your municipality. Apply in time: for some benefits the application must be made within a set
period.""",
        ),
    ),
    (
        "parama-paliekantiems-globa",
        "support-for-care-leavers",
        "care_leaver_support",
        (
            "Kokia parama priklauso jaunuoliams, paliekantiems globą?",
            """Sulaukęs pilnametystės jaunuolis neturi likti vienas. Globą paliekantiems jaunuoliams
gali būti teikiama:

- **vienkartinė išmoka įsikurti** – ją skiria savivaldybė;
- **globos (rūpybos) išmoka**, jei jaunuolis toliau mokosi (iki nustatyto amžiaus);
- **pagalba ieškant būsto** – pavyzdžiui, socialinis būstas ar jo nuomos kompensacija;
- **palydėjimo paslauga** – socialinis darbuotojas padeda tvarkytis su dokumentais, mokslais,
  darbu ir buitimi.

Sąlygos ir sumos keičiasi, todėl **dabartinius dydžius ir reikalavimus pasitikrinkite** savo
savivaldybėje. Jei esi jaunuolis, buvęs globotinis, ir nežinai, kur kreiptis, parašyk ar
paskambink mums – padėsime rasti, kas tau gali padėti.""",
        ),
        (
            "What support is there for young people leaving care?",
            """Turning 18 does not mean being left alone. Care leavers – young people leaving care – may
receive:

- a **one-off settling-in payment** – granted by the municipality;
- the **care allowance**, if the young person continues their education (up to a set age);
- **help with housing** – for example social housing or support with rent;
- **accompanying support** – a social worker helps with documents, studies, work and everyday
  life.

Conditions and amounts change, so **check the current amounts and requirements** with your
municipality. If you are a young person who grew up in care and do not know where to turn, write to
us or call – we will help you find who can help.""",
        ),
    ),
    (
        "bendravimas-su-biologine-seima",
        "contact-with-the-birth-family",
        "family_meetings",
        (
            "Ar globojamas vaikas gali bendrauti su biologine šeima?",
            """Taip. Jei tai atitinka vaiko interesus, globojamas vaikas turi teisę bendrauti su savo
**tėvais, broliais ir seserimis, seneliais** ir kitais artimaisiais. Ryšiai su šeima vaikui
svarbūs, net kai jis negali grįžti namo.

- Kaip ir kada vyks susitikimai, sprendžia **VVTAĮT** kartu su globėjais, o kartais ir teismas.
- Susitikimai gali vykti globos centre, dalyvaujant specialistui, arba kitoje vaikui saugioje
  vietoje.
- Broliai ir seserys, jei tik įmanoma, apgyvendinami kartu arba nuolat susitinka.

Po susitikimų vaikai kartais būna neramūs ar liūdni – tai natūralu. Jei jums sunku arba kyla
klausimų, kaip pasiruošti susitikimui, paskambinkite mums ar kreipkitės į globos centrą.""",
        ),
        (
            "Can a child in care keep in touch with their birth family?",
            """Yes. Where it is in the child's interests, a child in care has the right to keep in touch with
their **parents, brothers and sisters, grandparents** and other relatives. Family ties matter to a
child even when they cannot go home.

- How and when meetings take place is decided by **VVTAĮT** together with the carers, and
  sometimes by a court.
- Meetings may take place at a foster care centre with a specialist present, or in another place
  that is safe for the child.
- Brothers and sisters are placed together whenever possible, or meet regularly.

Children are sometimes restless or sad after meetings – that is natural. If it is hard for you, or
you want to prepare for a meeting, call us or contact your foster care centre.""",
        ),
    ),
    (
        "krize-ir-perdegimas",
        "crisis-and-burnout",
        "carer_crisis",
        (
            "Jaučiuosi pervargęs ir bejėgis: kur kreiptis pagalbos?",
            """Globoti ar auginti įvaikintą vaiką – didelis darbas, ir nuovargis, pyktis ar bejėgiškumas
nėra gėda. Tai gali būti perdegimo ženklai, rodantys, kad **jums reikia pagalbos ir
poilsio**.

Ką galite padaryti:

- **paskambinkite ar parašykite mums** – išklausysime ir kartu pagalvosime, kas galėtų padėti;
- kreipkitės į savo **globos centrą** – ten dirba socialiniai darbuotojai ir psichologai,
  galima gauti individualių konsultacijų;
- pasinaudokite **atokvėpio paslauga**, kad galėtumėte pailsėti;
- prisijunkite prie **paramos grupės** – kitų globėjų patirtis dažnai padeda labiausiai.

Jei jaučiate, kad nebegalite susitvardyti, arba kyla minčių sau pakenkti, **kreipkitės pagalbos
nedelsdami**: skubiu atveju skambinkite **112**, o emocinę paramą visą parą teikia **Vilties
linija 116 123**.""",
        ),
        (
            "I feel exhausted and helpless: where can I get support?",
            """Fostering or raising an adopted child is hard work, and tiredness, anger or helplessness are
nothing to be ashamed of. They may be signs of burnout, showing that **you need support and
rest**.

What you can do:

- **call or write to us** – we will listen and think together about what could help;
- contact your **foster care centre** – its social workers and psychologists offer individual
  counselling;
- use **respite care** so that you can rest;
- join a **support group** – other carers' experience often helps most.

If you feel you can no longer control yourself, or you have thoughts of harming yourself, **get
help at once**: in an emergency call **112**; the **Vilties linija on 116 123** offers emotional
support around the clock.""",
        ),
    ),
    (
        "vaikui-gresia-pavojus",
        "child-in-danger",
        "safeguarding",
        (
            "Manau, kad vaikui gresia pavojus. Ką daryti?",
            """**Jei vaikui pavojus gresia dabar, skambinkite 112.**

Jei tiesioginio pavojaus nėra, bet nerimaujate dėl vaiko saugumo – pastebėjote smurto,
nepriežiūros ar kitų grėsmės ženklų – **praneškite VVTAĮT teritoriniam skyriui**. Pranešti
galima ir neprisistačius. Specialistai įvertins situaciją ir, jei reikia, imsis veiksmų.

Jei abejojate, ar tai, ką matote, jau yra grėsmė vaikui, **paskambinkite mums** darbo valandomis –
padėsime apsvarstyti situaciją ir pranešti. Tačiau nelaukite mūsų, jei vaikas yra pavojuje:
skambinkite 112.

Vaikai ir paaugliai pagalbos gali kreiptis ir patys – **Vaikų linija 116 111** (nemokamai ir
anonimiškai).""",
        ),
        (
            "I think a child is in danger. What should I do?",
            """**If a child is in danger right now, call 112.**

If there is no immediate danger but you are worried about a child's safety – you have seen signs
of violence, neglect or another threat – **report it to the VVTAĮT territorial division**. You can
report without giving your name. The specialists will assess the situation and act if needed.

If you are unsure whether what you see is a threat to the child, **call us** during opening hours –
we will help you think it through and report it. But do not wait for us if a child is in danger:
call 112.

Children and teenagers can also seek help themselves – **Vaikų linija (Children's line) 116 111**
(free and anonymous).""",
        ),
    ),
    (
        "atokvepio-paslauga",
        "respite",
        "respite",
        (
            "Kas yra atokvėpio paslauga ir kaip ja pasinaudoti?",
            """**Atokvėpis** – trumpalaikė pagalba, kai vaiką kelias valandas ar dienas prižiūri kitas
pasiruošęs žmogus arba įstaiga, o globėjas, budintis globotojas ar įtėviai gali pailsėti,
pasirūpinti savo sveikata ar reikalais.

- Atokvėpio paslaugą organizuoja **globos centras** ar savivaldybė.
- Per metus galima pasinaudoti nustatytu dienų skaičiumi – kiek dienų priklauso jums,
  pasiteiraukite globos centre.
- Vaikas tuo metu būna su juo susipažinusiu ir tam pasiruošusiu žmogumi.

Poilsis nėra prabanga – jis padeda ilgiau ir geriau rūpintis vaiku. Jei nežinote, kur kreiptis,
padėsime rasti jūsų savivaldybės globos centrą.""",
        ),
        (
            "What is respite care and how can I use it?",
            """**Respite** (atokvėpis) is short-term help: a trained person or a service looks after the child
for a few hours or days, so that the foster carer, duty foster carer or adoptive parents can rest,
look after their health or deal with their own affairs.

- Respite is arranged by the **foster care centre** or the municipality.
- A set number of days per year is available – ask your foster care centre how many apply to you.
- The child stays with someone they have met and who is prepared for it.

Rest is not a luxury – it helps you care for the child longer and better. If you do not know where
to turn, we will help you find your municipality's foster care centre.""",
        ),
    ),
    (
        "paramos-grupes",
        "support-groups",
        "support_groups",
        (
            "Paramos grupės globėjams ir įtėviams",
            """**Paramos grupėse** susitinka globėjai, budintys globotojai ir įtėviai, kad
pasidalintų patirtimi, išgirstų kitų šeimų sprendimus ir pasijustų ne vieni. Grupes veda
patyrę specialistai.

- Grupes organizuoja **globos centrai**, kai kurios vyksta ir nuotoliu.
- Dalyvauti nemokama.
- Kai kurios grupės skirtos tam tikrai temai ar šeimoms, pavyzdžiui, globėjams giminaičiams,
  paauglių globėjams ar įtėviams.

Apie artimiausią grupę sužinosite savo savivaldybės globos centre. Nežinote, kuris globos centras
jūsų? Paklauskite mūsų.""",
        ),
        (
            "Support groups for foster carers and adoptive parents",
            """In **support groups**, foster carers, duty foster carers and adoptive parents meet to share
their experience, hear how other families cope and feel less alone. The groups are led by
experienced specialists.

- Groups are organised by **foster care centres**; some meet online.
- Taking part is free.
- Some groups focus on one topic or kind of family, for example kinship carers, carers of teenagers
  or adoptive parents.

Your municipality's foster care centre will tell you about the nearest group. Not sure which
foster care centre is yours? Ask us.""",
        ),
    ),
    (
        "sveciavimasis",
        "hosting",
        "hosting",
        (
            "Svečiavimasis: kaip pakviesti vaiką į svečius savaitgaliui ar atostogoms",
            """**Svečiavimasis** – tai galimybė vaikui, gyvenančiam bendruomeniniuose vaikų globos
namuose ar kitoje globos įstaigoje, praleisti savaitgalį, šventes ar atostogas šeimoje. Vaikui tai
šeimos patirtis ir naujas suaugęs draugas, o šeimai – galimybė geriau pažinti globą.

- Dėl svečiavimosi kreipiamasi į **vaiko globos įstaigą** ar **globos centrą**; šeima
  įvertinama, o vaikui svečiavimasis turi atitikti jo interesus.
- Dažnai rekomenduojama baigti bent dalį GIMK mokymų.
- Svečiavimasis nėra globa: vaikas grįžta į savo globos vietą, tačiau kai kurioms šeimoms tai
  tampa pirmuoju žingsniu į globą.

Norite sužinoti, ar svečiavimasis jums tinka? Pasikalbėkime.""",
        ),
        (
            "Hosting: inviting a child to stay for a weekend or the holidays",
            """**Hosting** (svečiavimasis) gives a child who lives in a community children's home or another
care setting the chance to spend a weekend, holidays or festive days with a family. For the child
it is an experience of family life and a new adult friend; for the family, a chance to get to know
foster care better.

- For hosting, you contact the **child's care home** or a **foster care centre**; the family is
  assessed, and the visit must be in the child's interests.
- Completing at least part of the GIMK training is often recommended.
- Hosting is not foster care: the child returns to their placement, but for some families it
  becomes a first step towards fostering.

Wondering whether hosting suits you? Let's talk.""",
        ),
    ),
    (
        "kas-yra-linija",
        "about-the-line",
        "about_line",
        (
            "Kas yra Įvaikinimo ir globos linija ir kada ji dirba?",
            """**Įvaikinimo ir globos linija** – nemokama konsultacijų linija visiems, kam rūpi globa ir
įvaikinimas: globėjams, budintiems globotojams, įtėviams, ketinantiems jais tapti, vaikams ir
jaunuoliams, biologinių šeimų nariams ir specialistams.

Liniją administruoja Kauno vaikų gerovės centras „Pastogė“, bendradarbiaudamas su Valstybės vaiko
teisių apsaugos ir įvaikinimo tarnyba, savivaldybėmis ir globos centrais. Konsultuoja patyrę
specialistai.

**Darbo laikas:** kiekvieną darbo dieną **12:00–20:00**, o prieššventinėmis dienomis – iki
**19:00**.

**Kaip susisiekti:** nemokamu telefonu, el. paštu arba pokalbiu svetainėje – kontaktai nurodyti
kiekvieno puslapio apačioje. El. laiškus galite rašyti bet kada; į juos atsakome darbo dienomis.

Linija nėra skubios pagalbos tarnyba: **jei vaikui pavojus gresia dabar, skambinkite 112**.""",
        ),
        (
            "What is the Adoption and Foster Care Helpline and when is it open?",
            """The **Adoption and Foster Care Helpline** is a free advice line for everyone who cares about
foster care and adoption: foster carers, duty foster carers, adoptive parents, people thinking of
becoming one, children and young people, birth families and professionals.

The line is run by the Kaunas child welfare centre “Pastogė” together with the State Child Rights
Protection and Adoption Service, municipalities and foster care centres. Experienced specialists
answer.

**Opening hours:** every working day **12:00–20:00**, and until **19:00** on the day before a
public holiday.

**How to reach us:** by free phone, e-mail or chat on this site – the contacts are at the bottom of
every page. You can write at any time; we answer e-mails on working days.

The line is not an emergency service: **if a child is in danger right now, call 112**.""",
        ),
    ),
    (
        "anonimiskumas",
        "anonymity",
        "about_line",
        (
            "Ar galiu kreiptis anonimiškai?",
            """**Taip.** Kreipiantis į liniją nereikia sakyti vardo, pavardės ar kitų asmens duomenų –
pagalbą gausite ir neprisistatę.

- Konsultacijos metu užsirašome tik tai, ko reikia statistikai ir paslaugos kokybei: pavyzdžiui,
  temą ir savivaldybę, bet ne jūsų vardą.
- Jei norite, kad jums perskambintume ar atsakytume el. paštu, paprašysime kontakto – jį
  naudosime tik jūsų klausimui ir saugosime ribotą laiką.
- Jūsų pokalbių turinio niekam neperduodame.

Vienintelė išimtis – kai iš pokalbio aišku, kad **vaiko gyvybei ar sveikatai gresia pavojus**.
Tada privalome apie tai pranešti atsakingoms institucijoms, kad vaikas būtų apsaugotas.

Daugiau apie tai, kaip tvarkome duomenis, skaitykite [privatumo pranešime](/privatumas/).""",
        ),
        (
            "Can I contact the line anonymously?",
            """**Yes.** You do not need to give your name or any other personal details – you will get help
without introducing yourself.

- During a consultation we note only what is needed for statistics and the quality of the service:
  the topic and the municipality, for example, but not your name.
- If you would like us to call you back or answer by e-mail, we will ask for a contact – we use it
  only for your question and keep it for a limited time.
- We do not pass on what you tell us.

The only exception is when the conversation shows that **a child's life or health is in danger**.
Then we must tell the responsible authorities, so that the child is protected.

Read the [privacy notice](/en/privatumas/) to learn more about how we handle data.""",
        ),
    ),
]

# (slug, topic code, Lithuanian title, body): guides for the specialists, never on the site.
INTERNAL = [
    (
        "pranesimas-apie-gresme-vaikui",
        "safeguarding",
        "Kaip elgtis, kai kreipiantysis praneša apie grėsmę vaikui",
        """**Jei vaikui pavojus gresia dabar** (smurtas vyksta, vaikas paliktas vienas, grasinama
savižudybe), paprašykite kreipiantįjį nedelsiant skambinti **112**. Jei jis negali ar atsisako,
skambinkite 112 patys ir nedelsdami informuokite vadovą.

**Jei tiesioginio pavojaus nėra:**

1. Išklausykite ramiai, neskubinkite ir nevertinkite. Nežadėkite išlaikyti paslapties – paaiškinkite,
   kad apie grėsmę vaikui privalome pranešti.
2. Išsiaiškinkite svarbiausia: kas nutiko, kam (vaiko amžius), kur vaikas yra dabar, ar jis saugus,
   kas dar žino.
3. Paaiškinkite, kad pranešimą priima **VVTAĮT teritorinis skyrius**, ir pasiūlykite, kad
   kreipiantysis praneštų pats; jei jis nenori ar negali, pranešame mes.
4. Apie kiekvieną tokį atvejį tą pačią dieną informuokite **vadovą**.

**Konsultacijos įraše** pažymėkite temą „Grėsmė vaikui“, rezultatą „Pranešta apie grėsmę vaikui“
ir kur nukreipta. Santraukoje – tik faktai, be vardų ir kontaktų. Anonimiškumo atskleidimo tvarka
aprašyta atskirame straipsnyje.""",
    ),
    (
        "anonimiskumo-atskleidimas",
        "safeguarding",
        "Anonimiškumo atskleidimas, kai gresia pavojus vaikui",
        """Linija yra anoniminė, tačiau kai **vaiko gyvybei ar sveikatai gresia pavojus**,
informacija, leidžianti nustatyti vaiką ar kreipiantįjį, gali būti perduota atsakingoms
institucijoms (112, policijai, VVTAĮT).

Tvarka:

1. Sprendimą atskleisti duomenis priima **vadovas** (jo nesant – jį pavaduojantis asmuo), ne
   konsultantas vienas.
2. Perduodama tik tai, ko reikia vaikui apsaugoti.
3. Konsultantas ir vadovas užrašo, kas, kada, kam ir kodėl perdavė duomenis; įrašai apie
   kreipimąsi ir jų peržiūros matomi audito žurnale.
4. Po įvykio vadovas aptaria atvejį su konsultantu.

Niekada nežadėkite kreipiančiajam visiško konfidencialumo, jei jis pasakoja apie grėsmę vaikui.""",
    ),
    (
        "tylus-skambutis",
        "about_line",
        "Tylus skambutis ar pokalbis: ką sakyti ir kaip pažymėti",
        """Kartais kreipiantysis tyli: jam sunku pradėti, jis bijo, kad kas nors išgirs, arba tai
atsitiktinis skambutis.

1. Prisistatykite įprastai ir palaukite kelias sekundes.
2. Pasakykite ramiai: „Jūs paskambinote į Įvaikinimo ir globos liniją. Jei sunku kalbėti, galite
   neskubėti. Jei negalite kalbėti, galite mums parašyti el. paštu arba pokalbiu svetainėje.“
3. Jei girdite ženklų, kad kažkam gali grėsti pavojus (riksmai, verksmas, pagalbos šauksmai),
   elkitės kaip pranešus apie grėsmę vaikui ir informuokite vadovą.
4. Jei tyla tęsiasi apie minutę, atsisveikinkite: „Dabar baigsiu pokalbį. Galite paskambinti dar
   kartą bet kuriuo darbo metu.“

Įraše pažymėkite kreipimosi rūšį **„Tylus kreipinys“** – tokie kreipiniai skaičiuojami atskirai
nuo konsultacijų.""",
    ),
    (
        "izeidinejantis-kreipiantysis",
        "feedback",
        "Įžeidinėjantis ar grasinantis kreipiantysis",
        """Konsultantas neturi kęsti įžeidinėjimų, grasinimų ar seksualinio priekabiavimo.

1. **Vieną kartą** ramiai įvardykite ribą: „Noriu jums padėti, bet negaliu tęsti pokalbio, jei
   mane įžeidinėjate.“
2. Jei elgesys tęsiasi, pasakykite, kad baigiate pokalbį, ir jį baikite. Pokalbyje internetu
   pokalbį galite uždaryti.
3. Jei grasinama smurtu konkrečiam asmeniui ar vaikui, elkitės kaip pranešus apie grėsmę ir
   informuokite vadovą.
4. Įraše pažymėkite kreipimosi rūšį **„Įžeidžiantis kreipinys“**; santraukoje trumpai aprašykite,
   kas įvyko, be įžeidžiančių žodžių citatų.
5. Pasakykite vadovui ir, jei reikia, padarykite pertrauką. Sunkius pokalbius aptariame
   supervizijose.""",
    ),
    (
        "nukreipimo-kontaktai",
        "foster_care_centres",
        "Nukreipimo kontaktai: kur nukreipti kreipiantįjį",
        """Prieš nukreipdami patikrinkite, ar kontaktai nepasikeitė, ir praneškite šio straipsnio
savininkui, jei kas nors pasikeitė.

- **Skubi pagalba:** 112.
- **VVTAĮT teritoriniai skyriai** – pranešimai apie grėsmę vaikui, globos ir įvaikinimo
  dokumentai, išvados. Skyrių kontaktai skelbiami VVTAĮT svetainėje vaikoteises.lt.
- **Globos centrai** – GIMK mokymai, konsultacijos, atokvėpis, paramos grupės. Kiekvienos
  savivaldybės globos centro kontaktai – VVTAĮT svetainėje.
- **Savivaldybės socialinės paramos skyrius ar seniūnija** – globos išmokos, pagalbos pinigai,
  parama globą paliekantiems jaunuoliams.
- **Sodra** – įtėvių motinystės, tėvystės ir vaiko priežiūros išmokos: sodra.lt, tel. 1883.
- **Pirminė teisinė pagalba** – teikiama savivaldybėse nemokamai.
- **Emocinė parama:** Vaikų linija 116 111 (vaikams ir paaugliams), Jaunimo linija 8 800 28 888,
  Vilties linija 116 123 (suaugusiesiems), Pagalbos moterims linija 8 800 66 366.""",
    ),
    (
        "krizine-busena-ir-savizudybes-rizika",
        "carer_crisis",
        "Kreipiantysis krizinės būsenos arba kalba apie savižudybę",
        """1. Likite pokalbyje ir kalbėkite ramiai. Klauskite tiesiai: „Ar galvojate apie
   savižudybę?“ – toks klausimas nepadidina rizikos.
2. Jei žmogus turi planą ir priemones arba yra tiesioginis pavojus, skambinkite **112** (arba
   paprašykite, kad skambintų kartu esantis asmuo) ir informuokite vadovą.
3. Jei tiesioginio pavojaus nėra, padėkite rasti artimą žmogų, kuris galėtų pabūti kartu, ir
   pasiūlykite emocinės paramos linijas: **Vilties linija 116 123**, **Jaunimo linija
   8 800 28 888**, vaikams – **Vaikų linija 116 111**.
4. Jei žmogus rūpinasi vaikais, išsiaiškinkite, ar vaikai saugūs.
5. Įraše pažymėkite temą „Globėjo krizė ar perdegimas“ ir nukreipimą. Po pokalbio pasakykite
   vadovui ir pasirūpinkite savimi – padarykite pertrauką.""",
    ),
    (
        "konsultacijos-iraso-pildymas",
        "about_line",
        "Kaip pildyti konsultacijos įrašą",
        """Kiekvienas kreipimasis – skambutis, el. laiškas ar pokalbis – turi savo **konsultacijos
įrašą**. Pildykite jį iš karto po pokalbio.

- **Kreipimosi rūšis:** konsultacija arba nekonsultacinis kreipinys (tylus, bandomasis, nutrauktas
  ryšys, įžeidžiantis, tik padėka, klausimas apie liniją, atsiliepimas ar skundas). Nekonsultaciniai
  kreipiniai statistikoje skaičiuojami atskirai.
- **Besikreipiančiojo kategorija, temos** (galima kelias), **savivaldybė**, **pirmas ar
  pakartotinis** kreipimasis, **iš kur sužinojo** apie liniją.
- **Rezultatas:** suteikta informacija, pakonsultuota, nukreipta (nurodykite kur), sutartas tolesnis
  kontaktas arba pranešta apie grėsmę vaikui.
- **Santrauka:** keli sakiniai apie klausimą ir suteiktą pagalbą. **Jokių vardų, telefonų ar
  el. pašto adresų.**

Įrašo negalima užbaigti, kol neužpildyti privalomi laukai; pokalbis uždaromas tik užbaigus įrašą.""",
    ),
    (
        "kur-tikrinti-ismoku-dydzius",
        "care_allowance",
        "Kur tikrinti dabartinius išmokų ir atlygio dydžius",
        """Išmokų dydžiai keičiasi kasmet, todėl žinių bazėje jų nerašome kaip faktų. Kai
kreipiantysis klausia sumos, patikrinkite dabartinį dydį patikimame šaltinyje ir pasakykite, kur
jis gali jį pasitikrinti pats.

- **Bazinė socialinė išmoka (BSI)** ir **minimalioji mėnesinė alga (MMA)** – jas kasmet nustato
  Vyriausybė; dabartiniai dydžiai skelbiami Socialinės apsaugos ir darbo ministerijos svetainėje.
- **Globos (rūpybos) išmoka ir tikslinis priedas** – skaičiuojami BSI dydžiais; mokėjimą
  paaiškina savivaldybės socialinės paramos skyrius.
- **Pagalbos pinigai, budinčio globotojo atlygis** – nustato kiekviena savivaldybė savo
  sprendimais (atlygis – MMA dydžiais).
- **Įtėvių išmokos** – Sodra (sodra.lt, tel. 1883).

Jei pastebėjote, kad kuris nors straipsnis pasenęs, praneškite jo savininkui arba vadovui.""",
    ),
]

# (slug, Lithuanian title, body, English slug, title, body): short replies for chat and e-mail.
CANNED = [
    (
        "pasisveikinimas-pokalbyje",
        "Pasisveikinimas pokalbyje",
        """Laba diena! Čia Įvaikinimo ir globos linija. Kuo galėčiau jums padėti?""",
        "chat-greeting",
        "Chat greeting",
        """Hello! This is the Adoption and Foster Care Helpline. How can I help you?""",
    ),
    (
        "prasymas-palaukti",
        "Prašymas palaukti",
        """Ačiū už klausimą. Pasitikslinsiu informaciją ir netrukus jums atsakysiu – prašom
palaukti kelias minutes.""",
        "please-wait",
        "Please wait a moment",
        """Thank you for your question. I will check the information and answer you shortly – please
wait a few minutes.""",
    ),
    (
        "perskambinsime",
        "Perskambinsime",
        """Ačiū, kad kreipėtės. Jums perskambinsime artimiausiu metu darbo valandomis (darbo dienomis
12:00–20:00). Jei nepavyks prisiskambinti, bandysime dar kartą.""",
        "we-will-call-you-back",
        "We will call you back",
        """Thank you for contacting us. We will call you back as soon as we can during opening hours
(working days 12:00–20:00). If we cannot reach you, we will try again.""",
    ),
    (
        "el-laisko-atsakymas",
        "El. laiško atsakymo pradžia ir pabaiga",
        """Laba diena,

dėkojame, kad parašėte Įvaikinimo ir globos linijai.



Jei kiltų daugiau klausimų, rašykite arba skambinkite darbo dienomis 12:00–20:00.

Pagarbiai"""
        + HARD_BREAK
        + "Įvaikinimo ir globos linija",
        "email-reply",
        "E-mail reply opening and closing",
        """Hello,

thank you for writing to the Adoption and Foster Care Helpline.



If you have any more questions, write to us or call on working days 12:00–20:00.

Kind regards"""
        + HARD_BREAK
        + "The Adoption and Foster Care Helpline",
    ),
    (
        "pokalbio-pabaiga",
        "Pokalbio pabaiga",
        """Ačiū, kad kreipėtės. Jei kils daugiau klausimų, visada galite vėl parašyti ar
paskambinti. Geros dienos!""",
        "chat-closing",
        "Chat closing",
        """Thank you for contacting us. If you have any more questions, you are always welcome to write
or call again. Have a good day!""",
    ),
]


def seed_articles(apps, schema_editor):
    Article = apps.get_model("knowledge", "Article")
    ArticleIndex = apps.get_model("knowledge", "ArticleIndex")
    WrittenStem = apps.get_model("knowledge", "WrittenStem")
    Topic = apps.get_model("consultations", "Topic")
    topics = {topic.code: topic for topic in Topic.objects.all()}

    def add(*, slug, language, title, body, topic, audience, canned=False, order=0, original=None):
        article, created = Article.objects.get_or_create(
            slug=slug,
            language=language,
            defaults={
                "title": title,
                "body": body,
                "topic": topics[topic],
                "audience": audience,
                "canned": canned,
                "order": order,
                "translation_of": original,
                "checked_on": CHECKED_ON,
            },
        )
        if created:
            text = {"title": title, "body": body, "language": language}
            ArticleIndex.objects.create(article=article, **index_fields(**text))
            WrittenStem.objects.bulk_create(
                [
                    WrittenStem(language=language, folded=folded, stem=stem)
                    for folded, stem in sorted(index_written_stems(**text))
                ],
                ignore_conflicts=True,
            )
        return article

    for order, (slug, slug_en, topic, (title, body), (title_en, body_en)) in enumerate(PUBLIC):
        common = {"topic": topic, "audience": "public", "order": order * 10}
        original = add(slug=slug, language="lt", title=title, body=body, **common)
        add(slug=slug_en, language="en", title=title_en, body=body_en, original=original, **common)
    for order, (slug, topic, title, body) in enumerate(INTERNAL):
        add(
            slug=slug,
            language="lt",
            title=title,
            body=body,
            topic=topic,
            audience="internal",
            order=order * 10,
        )
    for order, (slug, title, body, slug_en, title_en, body_en) in enumerate(CANNED):
        common = {"topic": "about_line", "audience": "internal", "canned": True, "order": order * 10}
        original = add(slug=slug, language="lt", title=title, body=body, **common)
        add(slug=slug_en, language="en", title=title_en, body=body_en, original=original, **common)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0002_search_index"),
        ("consultations", "0002_seed_taxonomies"),
    ]

    operations = [migrations.RunPython(seed_articles, migrations.RunPython.noop)]
