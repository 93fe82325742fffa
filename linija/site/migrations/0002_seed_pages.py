"""The centre's six public pages, from its own texts (Lithuanian) with English versions.

Links between pages are relative ("../kontaktai/") so they keep the reader's language.
"""

from django.db import migrations

APIE_MUS_LT = """\
Vaikų gerovės centras „Pastogė“ nuo 1995 metų padeda vaikams augti šeimoje – biologinėje, globėjų (rūpintojų) ar įtėvių.

## Savininkas

Vaikų gerovės centro „Pastogė“ savininkė yra Kauno miesto savivaldybė (toliau – Savininkas), Laisvės al. 96, LT-44251 Kaune, kodas 111106319. Savininko teises ir pareigas įgyvendinanti institucija – Kauno miesto savivaldybės taryba. Jos kompetenciją nustato Lietuvos Respublikos biudžetinių įstaigų įstatymas.

## Vizija

Padėti kiekvienam be tėvų globos likusiam vaikui grįžti į biologinę šeimą arba augti globėjų / rūpintojų šeimose, būti įvaikintam.

## Misija

Taikant pažangiausius psichosocialinių paslaugų metodus bei telkiant kvalifikuotų specialistų komandą darbui su laikinai iš šeimos paimtų vaikų tėvais, be tėvų globos likusiais vaikais, globėjais / rūpintojais, siekti, jog kiekvienas vaikas augtų jo poreikius atliepiančioje šeimoje.

## Tikslas

Teikti psichosocialines paslaugas likusiems be tėvų globos vaikams, jų tėvams, vaikus globojančioms šeimoms, šeimynoms ir įtėviams, bendruomeninių vaikų globos namų specialistams.

## Istorija

1994–1995 m. trys Vytauto Didžiojo universiteto profesinių studijų centro socialinio darbo magistrantai, Žaneta Šimkienė, Ričardas Kukauskas ir Dalia Kabašinskaitė, drauge su Lietuvos Caritu, kuriam vadovavo sesuo A. Pajarskaitė, pradėjo kurti naują Lietuvoje projektą, kurio idėja buvo apjungti vaiką, šeimą ir organizuotą socialinę rūpybą. Projektas buvo kuriamas kaip alternatyva mūsų šalyje galiojančiai vaikų institucinės globos sistemai.

Konsultuojami VDU socialinės rūpybos profesinių studijų centro dėstytojų – socialinio darbo specialistų iš JAV bei Anglijos Kento grafystės socialinio darbo tarybos specialistų, projekto iniciatoriai numatė sukurti naują tarnybą, kurioje dirbtų specialistai ir kuri savo darbu paskatintų vaiko gerovės socialinėje politikoje ir filosofijoje naują suvokimą, kad vaikas turi augti šeimoje.

Kauno miesto savivaldybė ryžosi paremti šią idėją ir 1995 m. gruodžio mėnesį miesto taryba įsteigė Vaikų gerovės centrą „Pastogė“, o 1996 metų pradžioje miesto savivaldybė pasirašė bendradarbiavimo sutartį su Lietuvos Caritu. Netrukus, pagal tarptautinį projektą, 1996–1997 m. į „Pastogę“ atvyko ir metus laiko darbavosi savanoris iš Didžiosios Britanijos James Cox. Jo pagalba buvo ypač vertinga personalo mokymo, metodikos rengimo, įstaigos strategijos formavimo srityse.

„Pastogės“ teikiamų paslaugų aktualumą patvirtino įstaigos veiklos plėtra. Per pirmus 8 įstaigos gyvavimo metus darbuotojų skaičius išaugo nuo 4 iki 30. Per šį laikotarpį buvo intensyviai ieškoma papildomos paramos, rengiami projektai ir programos siekiant plėsti paslaugas bei gerinti įstaigos materialinę bazę. Per visą laikotarpį centras sparčiai plėtėsi ir šiai dienai įstaigoje dirba 50 vaikų gerovės srityje besispecializuojančių specialistų.

## Vertybės

- **Profesionalumas** – visi esame savo srities specialistai ir kiekvieną darbą atliekame kokybiškai, sąžiningai ir atsakingai. Mes nuolat ieškome geriausio sprendimo, naujų darbo metodų bei formų, skatiname kūrybiškumą, siekiame tobulėti, trokštame žinių ir esame iniciatyvūs.
- **Bendradarbiavimas** – veikiame vieningai vardan bendro tikslo, dalijamės žiniomis ir patirtimi, diskutuojame ir geranoriškai padedame vienas kitam.
- **Atsakingumas** – mes esame atsakingi už savo darbus, sprendimus. Dirbame principingai, pareigingai, taip, kad galėtume didžiuotis savo įstaiga ir jos veikla.
- **Pagarba žmogui** – mes tikime, kad žmogus yra svarbiausia vertybė, siekiame išklausyti ir elgtis be išankstinio nusistatymo, esame jautrūs kito žmogaus nuomonei ir situacijai, tolerantiški, atviri sau ir visuomenei.
"""

APIE_MUS_EN = """\
Since 1995 the child welfare centre “Pastogė” has been helping children grow up in a family – their birth family, a foster family or an adoptive one.

## Owner

The owner of the child welfare centre “Pastogė” is Kaunas City Municipality (the Owner), Laisvės al. 96, LT-44251 Kaunas, code 111106319. The Owner's rights and duties are exercised by Kaunas City Municipal Council, whose competence is set by the Law on Budgetary Institutions of the Republic of Lithuania.

## Vision

To help every child left without parental care to return to their birth family or to grow up in a foster or guardian family, or to be adopted.

## Mission

Using the most advanced methods of psychosocial services and bringing together a team of qualified specialists to work with the parents of children temporarily removed from their family, with children left without parental care and with foster carers and guardians, to make sure that every child grows up in a family that meets their needs.

## Goal

To provide psychosocial services to children left without parental care, their parents, foster families, family homes and adoptive parents, and the staff of community children's homes.

## History

In 1994–1995 three social work Master's students at the professional studies centre of Vytautas Magnus University – Žaneta Šimkienė, Ričardas Kukauskas and Dalia Kabašinskaitė – together with Caritas Lithuania, then led by Sister A. Pajarskaitė, set out to create a project new to Lithuania: bringing together the child, the family and organised social care. The project was meant as an alternative to the system of institutional care for children that prevailed in the country.

Advised by lecturers of the university's social care studies centre – social work specialists from the USA – and by specialists of the social work council of Kent County in England, the founders planned a new service staffed by professionals, whose work would encourage a new understanding in child welfare policy and thinking: that a child must grow up in a family.

Kaunas City Municipality decided to support the idea: in December 1995 the city council founded the child welfare centre “Pastogė”, and early in 1996 the municipality signed a cooperation agreement with Caritas Lithuania. Soon afterwards, under an international project, James Cox, a volunteer from Great Britain, came to Pastogė in 1996–1997 and worked here for a year. His help was especially valuable in staff training, developing methods and shaping the centre's strategy.

The growth of the centre confirmed how much its services were needed. In its first eight years the staff grew from 4 to 30. During this time the centre looked hard for additional support and prepared projects and programmes to widen its services and improve its premises. The centre has kept growing ever since, and today 50 specialists in child welfare work here.

## Values

- **Professionalism** – each of us is a specialist in our field, and we do every piece of work well, honestly and responsibly. We keep looking for the best solution and for new methods and ways of working; we encourage creativity, want to improve, are eager to learn and take the initiative.
- **Cooperation** – we work together towards a common goal, share knowledge and experience, discuss and willingly help one another.
- **Responsibility** – we are accountable for our work and our decisions. We work with principle and diligence, so that we can be proud of our centre and what it does.
- **Respect for the person** – we believe that the person is the highest value. We try to listen and act without prejudice, we are sensitive to other people's opinions and situations, tolerant, and open with ourselves and with society.
"""

APIE_LINIJA_LT = """\
Įvaikinimo ir globos linija – nemokama informavimo ir konsultavimo paslauga globėjams (rūpintojams), budintiems globotojams, įtėviams, ketinantiems jais tapti, ir visiems, kurie domisi globa bei įvaikinimu. Vardo sakyti nebūtina.

## Projektas

Valstybės vaiko teisių apsaugos ir įvaikinimo tarnyba prie Socialinės apsaugos ir darbo ministerijos kartu su Lietuvos savivaldybių administracijomis ir Lietuvoje veikiančiais globos centrais įgyvendina Europos struktūrinių fondų projektą „Vaikų gerovės ir saugumo didinimas, paslaugų šeimai, globėjams (rūpintojams) kokybės didinimas bei prieinamumo plėtra Nr. 08.4.1-ESFA-V-405-02-0001“. Šio projekto ribose Vaikų gerovės centras „Pastogė“ įsipareigojo teikti įvaikinimo ir globos skambučių linijos informavimo bei konsultavimo paslaugą 2020–2022 metais.

Linija veikia nuo 2021 m. sausio 25 d.; nuo 2023 m. liepos 1 d. jos veikla tęsiama tęstiniame projekte.

## Kam skirta linija

Siekiant gerinti teikiamų paslaugų prieinamumą bei kokybę globėjams (rūpintojams), budintiems globotojams, įtėviams, ketinantiems tapti globėjais (rūpintojais), budinčiais globotojais, įtėviais, besidomintiems globa bei įvaikinimu asmenims buvo įkurta Įvaikinimo ir globos skambučių linija.

## Kaip ir kada susisiekti

Kiekvieną darbo dieną nuo 12 iki 20 val. patyrę globos ir įvaikinimo srities specialistai telefonu, el. paštu, pokalbiais internetu teikia informavimo bei konsultavimo paslaugas.

- **Telefonu** – skambutis nemokamas.
- **El. paštu** – rašyti galite bet kada, atsakome darbo valandomis.
- **Pokalbiu internetu** – šioje svetainėje darbo valandomis.

Prieššventinę darbo dieną linija dirba valanda trumpiau – iki 19 val. Telefono numeris, el. pašto adresas ir artimiausių dienų darbo laikas – skiltyje [Kontaktai](../kontaktai/).

## Vizija

Skatinti vaikų globą ir įvaikinimą, suteikti savalaikę informaciją įtėviams, globėjams (rūpintojams) ar budintiems globotojams, ketinantiems tapti globėjais (rūpintojais), budinčiais globotojais ar įtėviais.

## Misija

Teikti kokybiškas informavimo bei konsultavimo paslaugas telefonu, el. paštu ir elektronine pokalbių sistema.

## Tikslas

Suteikti reikalingą informaciją bei efektyviai konsultuoti rūpimais klausimais, susijusiais su globa (rūpyba), budinčio globotojo veikla, įvaikinimu.

## Vertybės

- **Profesionalumas** – visi esame savo srities specialistai ir kiekvieną darbą atliekame kokybiškai, sąžiningai ir atsakingai. Mes nuolat ieškome geriausio sprendimo, naujų darbo metodų bei formų, skatiname kūrybiškumą, siekiame tobulėti, trokštame žinių ir esame iniciatyvūs.
- **Bendradarbiavimas** – veikiame vieningai vardan bendro tikslo, dalijamės žiniomis ir patirtimi, diskutuojame ir geranoriškai padedame vienas kitam.
- **Atsakingumas** – mes esame atsakingi už savo darbus, sprendimus. Dirbame principingai, pareigingai, taip, kad galėtume didžiuotis savo įstaiga ir jos veikla.
- **Pagarba žmogui** – mes tikime, kad žmogus yra svarbiausia vertybė, siekiame išklausyti ir elgtis be išankstinio nusistatymo, esame jautrūs kito žmogaus nuomonei ir situacijai, tolerantiški, atviri sau ir visuomenei.
"""

APIE_LINIJA_EN = """\
The Adoption and Foster Care Helpline gives free information and advice to foster carers and guardians, duty foster carers, adoptive parents, people who intend to become one of them, and anyone interested in foster care and adoption. You don't have to give your name.

## The project

The State Child Rights Protection and Adoption Service under the Ministry of Social Security and Labour, together with Lithuania's municipal administrations and the country's foster care centres, carries out the European Structural Funds project “Increasing child welfare and safety, improving the quality of services for families and foster carers (guardians) and widening their availability, No. 08.4.1-ESFA-V-405-02-0001”. Within this project, the child welfare centre “Pastogė” undertook to run the information and advice service of the adoption and foster care helpline in 2020–2022.

The line has been working since 25 January 2021; since 1 July 2023 it has continued within the follow-on project.

## Who the line is for

The Adoption and Foster Care Helpline was set up to make services more accessible and better for foster carers and guardians, duty foster carers and adoptive parents, for people who intend to become foster carers, guardians, duty foster carers or adoptive parents, and for everyone interested in foster care and adoption.

## How and when to reach us

Every working day from 12:00 to 20:00, experienced foster care and adoption specialists give information and advice by phone, by e-mail and in web chat.

- **By phone** – the call is free.
- **By e-mail** – write at any time; we answer during opening hours.
- **In web chat** – on this site during opening hours.

On the working day before a public holiday the line closes an hour earlier, at 19:00. The phone number, the e-mail address and the hours for the coming days are on the [Contacts](../kontaktai/) page.

## Vision

To encourage foster care and adoption, and to give timely information to adoptive parents, foster carers and guardians, duty foster carers, and people who intend to become one of them.

## Mission

To provide high-quality information and advice by phone, by e-mail and through an online chat system.

## Goal

To give the information people need and to advise them effectively on their questions about foster care (guardianship), duty foster care and adoption.

## Values

- **Professionalism** – each of us is a specialist in our field, and we do every piece of work well, honestly and responsibly. We keep looking for the best solution and for new methods and ways of working; we encourage creativity, want to improve, are eager to learn and take the initiative.
- **Cooperation** – we work together towards a common goal, share knowledge and experience, discuss and willingly help one another.
- **Responsibility** – we are accountable for our work and our decisions. We work with principle and diligence, so that we can be proud of our centre and what it does.
- **Respect for the person** – we believe that the person is the highest value. We try to listen and act without prejudice, we are sensitive to other people's opinions and situations, tolerant, and open with ourselves and with society.
"""

PARAMA_LT = """\
Vaikų gerovės centras „Pastogė“, teikiantis socialines paslaugas vaikams, kurie yra krizėje, jų tėvams, globėjams ir įtėviams, prašo Jūsų paremti mūsų įstaigą skiriant 1,2 % nuo Jūsų sumokėto gyventojų pajamų mokesčio. Jums tai nieko papildomai nekainuoja: parama skiriama iš jau sumokėto mokesčio.

## Kaip skirti 1,2 % pajamų mokesčio

1. Prisijunkite prie Valstybinės mokesčių inspekcijos (VMI) Elektroninio deklaravimo sistemos ir pasirinkite elektroninę prašymo formą **FR0512**.
2. Paramos gavėju pasirinkite **Vaikų gerovės centrą „Pastogė“** ir nurodykite 1,2 % dalį.
3. Nurodykite, kiek metų norite skirti paramą – galima pasirinkti iki 5 metų. Tada prašymo kasmet pildyti nebereikės.
4. Prašymą pateikite **iki gegužės 1 d.**

Jei pildant prašymą prireiktų centro rekvizitų, paklauskite mūsų – juos suteiksime telefonu ar el. paštu (žr. [Kontaktai](../kontaktai/)).

Nuoširdžiai dėkojame už Jūsų paramą!
"""

PARAMA_EN = """\
The child welfare centre “Pastogė”, which provides social services to children in crisis and to their parents, foster carers and adoptive parents, asks you to support us by giving 1.2 % of the personal income tax you have paid. It costs you nothing extra: the support comes out of tax you have already paid.

## How to give 1.2 % of your income tax

1. Log in to the electronic declaration system of the State Tax Inspectorate (VMI) and choose the electronic application form **FR0512**.
2. Choose **Vaikų gerovės centras „Pastogė“** as the recipient and enter a share of 1.2 %.
3. Say for how many years you want to give your support – you can choose up to 5 years, and then you won't need to fill in the form every year.
4. Submit the form **by 1 May**.

If you need the centre's details while filling in the form, ask us and we will give them to you by phone or e-mail (see [Contacts](../kontaktai/)).

Thank you very much for your support!
"""

KOKYBE_LT = """\
Vaikų gerovės centras „Pastogė“ turi **EQUASS Assurance** sertifikatą. EQUASS (angl. *European Quality in Social Services*) – Europos socialinių paslaugų kokybės sistema. Globos centro teikiamos paslaugos atitinka EQUASS 2018 sertifikavimo kriterijus.

## Dešimt kokybės principų

1. **Lyderystė** – centro vadovai kryptingai valdo veiklą ir rodo pavyzdį, kaip teikti kokybiškas paslaugas.
2. **Personalas** – paslaugas teikia kvalifikuoti, nuolat besimokantys specialistai.
3. **Teisės** – saugome paslaugų gavėjų teises: lygias galimybes, privatumą, teisę rinktis ir teisę skųstis.
4. **Etika** – dirbame pagal aiškius etikos principus, gerbiame kiekvieno žmogaus orumą.
5. **Partnerystė** – bendradarbiaujame su valstybės institucijomis, savivaldybėmis, globos centrais ir kitais partneriais.
6. **Dalyvavimas** – paslaugų gavėjai dalyvauja kuriant ir vertinant paslaugas.
7. **Orientacija į asmenį** – paslauga pritaikoma prie konkretaus žmogaus poreikių ir situacijos.
8. **Visapusiškumas** – padedame rasti reikiamą pagalbą ir nukreipiame pas kitus specialistus, kai jų prireikia.
9. **Orientacija į rezultatus** – veiklos rezultatus matuojame rodikliais ir jais remdamiesi rengiame ataskaitas.
10. **Nuolatinis tobulėjimas** – mokomės iš atsiliepimų ir rezultatų ir nuolat tobuliname paslaugas.

## Jūsų nuomonė

Siekiame, kad ne mažiau kaip 95 % linijos paslaugų gavėjų paslaugą vertintų teigiamai, todėl klausiame Jūsų nuomonės.

Atsiliepimą ar skundą galite pateikti telefonu arba el. paštu (žr. [Kontaktai](../kontaktai/)). Kiekvienas atsiliepimas ir skundas užregistruojamas ir išnagrinėjamas.
"""

KOKYBE_EN = """\
The child welfare centre “Pastogė” holds the **EQUASS Assurance** certificate. EQUASS (European Quality in Social Services) is the European quality system for social services. The services of the foster care centre meet the EQUASS 2018 certification criteria.

## Ten quality principles

1. **Leadership** – the centre's managers lead its work with purpose and set an example of high-quality service.
2. **Staff** – services are given by qualified specialists who keep learning.
3. **Rights** – we protect the rights of the people we serve: equal opportunities, privacy, free choice and the right to complain.
4. **Ethics** – we work by clear ethical principles and respect every person's dignity.
5. **Partnership** – we work with state institutions, municipalities, foster care centres and other partners.
6. **Participation** – the people we serve take part in shaping and evaluating our services.
7. **Person-centred approach** – the service is fitted to each person's needs and situation.
8. **Comprehensiveness** – we help people find the support they need and refer them to other specialists when required.
9. **Result orientation** – we measure our results with indicators and report on them.
10. **Continuous improvement** – we learn from feedback and results and keep improving our services.

## Your opinion

We aim for at least 95 % of the people who use the line to rate the service positively, so we ask for your opinion.

You can give feedback or make a complaint by phone or e-mail (see [Contacts](../kontaktai/)). Every piece of feedback and every complaint is recorded and dealt with.
"""

KONTAKTAI_LT = """\
Įvaikinimo ir globos linijos specialistai atsako kiekvieną darbo dieną nuo 12 iki 20 val., prieššventinę darbo dieną – iki 19 val. Skambutis nemokamas.

Vardo, telefono numerio ar kitų duomenų apie save sakyti nebūtina – galite likti anonimiški. Daugiau apie tai – [Privatumo pranešime](../privatumas/).

El. laišką galite parašyti bet kada: atsakome darbo valandomis. Tais pačiais kontaktais galite pateikti ir atsiliepimą ar skundą dėl linijos darbo.

Liniją administruoja Kauno miesto savivaldybės Vaikų gerovės centras „Pastogė“.
"""

KONTAKTAI_EN = """\
The specialists of the Adoption and Foster Care Helpline answer every working day from 12:00 to 20:00, and until 19:00 on the working day before a public holiday. The call is free.

You don't have to give your name, phone number or anything else about yourself – you can stay anonymous. Read more in the [Privacy notice](../privatumas/).

You can write an e-mail at any time: we answer during opening hours. You can use the same contacts to give feedback or make a complaint about the line.

The line is run by the child welfare centre “Pastogė” of Kaunas City Municipality.
"""

PRIVATUMAS_LT = """\
Šiame pranešime paaiškiname, kokią informaciją tvarko Įvaikinimo ir globos linija, kai į ją kreipiatės, ir kaip ją saugome. Duomenų valdytojas – Vaikų gerovės centras „Pastogė“.

## Galite likti anonimiški

Norint gauti pagalbą, nereikia sakyti savo vardo, telefono numerio ar el. pašto adreso. Galite nesakyti ir kitų duomenų, pagal kuriuos būtų galima atpažinti Jus ar vaiką.

Jei rašote el. paštu ar pokalbyje internetu, matome Jūsų žinutes (o el. laiško atveju – ir adresą), kad galėtume Jums atsakyti.

## Ką užrašome

Po kiekvienos konsultacijos specialistas užpildo trumpą įrašą, reikalingą paslaugos statistikai ir kokybei: kreipimosi būdą (telefonu, el. paštu ar pokalbiu internetu), datą ir trukmę, kas kreipėsi (pvz., globėjas ar įtėvis), klausimo temą, savivaldybę, ar kreipiatės pirmą kartą ir kuo baigėsi konsultacija. Statistikai Jūsų vardo nereikia.

Kad galėtume suskaičiuoti pakartotinius kreipimusis nežinodami, kas kreipiasi, iš telefono numerio ar el. pašto adreso galime sudaryti negrįžtamą kodą (pseudonimą); pats numeris ar adresas šiam tikslui nesaugomas.

## Ypatingų kategorijų duomenys

Pasakodami apie savo situaciją galite paminėti sveikatos ar šeimos aplinkybes – tai ypatingų kategorijų asmens duomenys. Užrašome tik tiek, kiek būtina konsultacijai ir statistikai.

## Kiek laiko saugome

Įrašų saugojimo terminus nustato centro administratorius. Pasibaigus terminui, įrašo turinys ištrinamas ir lieka tik anoniminė statistika.

## Kas gali matyti įrašus

- Prieiga suteikiama pagal pareigas: kiekvienas darbuotojas mato tik tai, ko reikia jo darbui.
- Kiekvienas įrašo peržiūrėjimas registruojamas – visada žinoma, kas ir kada jį atvėrė.
- Darbuotojai prie sistemos jungiasi naudodami dviejų veiksnių autentifikavimą.

## Jūsų teisės

Pagal Bendrąjį duomenų apsaugos reglamentą (BDAR) turite teisę susipažinti su savo duomenimis, prašyti juos ištaisyti ar ištrinti, apriboti jų tvarkymą ir nesutikti, kad jie būtų tvarkomi. Kadangi kreipimaisi dažniausiai anonimiški, galime paprašyti informacijos, kuri padėtų rasti Jūsų įrašą (pvz., kreipimosi datos ir būdo).

Dėl savo duomenų kreipkitės į centro duomenų apsaugos pareigūną per centrą (žr. [Kontaktai](../kontaktai/)).

Jei manote, kad Jūsų duomenys tvarkomi netinkamai, galite pateikti skundą Valstybinei duomenų apsaugos inspekcijai (VDAI).

## Kai vaikui gresia pavojus

Gerbiame Jūsų anonimiškumą, tačiau jei paaiškėja, kad vaikui gali grėsti pavojus, linija gali apie tai informuoti Valstybės vaiko teisių apsaugos ir įvaikinimo tarnybos (VVTAĮT) teritorinį skyrių.

**Jei pavojus gresia dabar, skambinkite bendruoju pagalbos numeriu 112.**
"""

PRIVATUMAS_EN = """\
This notice explains what information the Adoption and Foster Care Helpline handles when you contact it, and how we protect it. The data controller is the child welfare centre “Pastogė”.

## You can stay anonymous

To get help you don't have to give your name, phone number or e-mail address. You also don't have to give any other details by which you or a child could be identified.

If you write by e-mail or in web chat, we see your messages (and, for an e-mail, your address) so that we can answer you.

## What we record

After each consultation the specialist fills in a short record for the service's statistics and quality: how you got in touch (phone, e-mail or web chat), the date and duration, who got in touch (for example a foster carer or an adoptive parent), the topic, the municipality, whether this is your first contact, and how the consultation ended. Statistics never need your name.

To count repeat contacts without knowing who is calling, we may turn a phone number or e-mail address into an irreversible code (a pseudonym); the number or address itself is not stored for this purpose.

## Special-category data

When you describe your situation you may mention health or family circumstances – these are special categories of personal data. We write down only what the consultation and the statistics need.

## How long we keep records

Retention periods are set by the centre's administrator. When a period ends, the content of the record is deleted and only anonymous statistics remain.

## Who can see records

- Access depends on each person's role: every member of staff sees only what their work needs.
- Every look at a record is logged, so it is always known who opened it and when.
- Staff sign in to the system with two-factor authentication.

## Your rights

Under the General Data Protection Regulation (GDPR) you have the right to access your data, to ask for it to be corrected or erased, to restrict its processing and to object to it. As most contacts are anonymous, we may ask you for details that help us find your record (for example the date and the way you got in touch).

For questions about your data, contact the centre's data protection officer through the centre (see [Contacts](../kontaktai/)).

If you believe your data are handled wrongly, you can complain to the State Data Protection Inspectorate (Valstybinė duomenų apsaugos inspekcija, VDAI).

## When a child is in danger

We respect your anonymity, but if it turns out that a child may be in danger, the line may inform the territorial division of the State Child Rights Protection and Adoption Service (VVTAĮT).

**If a child is in danger right now, call the emergency number 112.**
"""

PAGES = [
    {
        "slug": "apie-linija",
        "order": 10,
        "in_nav": True,
        "title_lt": "Apie liniją",
        "title_en": "About the line",
        "body_lt": APIE_LINIJA_LT,
        "body_en": APIE_LINIJA_EN,
    },
    {
        "slug": "apie-mus",
        "order": 20,
        "in_nav": True,
        "title_lt": "Apie mus",
        "title_en": "About us",
        "body_lt": APIE_MUS_LT,
        "body_en": APIE_MUS_EN,
    },
    {
        "slug": "kokybe",
        "order": 30,
        "in_nav": True,
        "title_lt": "Kokybė",
        "title_en": "Quality",
        "body_lt": KOKYBE_LT,
        "body_en": KOKYBE_EN,
        "attachment_label_lt": "EQUASS sertifikatas (PDF)",
        "attachment_label_en": "EQUASS certificate (PDF)",
    },
    {
        "slug": "parama",
        "order": 40,
        "in_nav": True,
        "title_lt": "Parama",
        "title_en": "Support us",
        "body_lt": PARAMA_LT,
        "body_en": PARAMA_EN,
    },
    {
        "slug": "kontaktai",
        "order": 50,
        "in_nav": True,
        "title_lt": "Kontaktai",
        "title_en": "Contacts",
        "body_lt": KONTAKTAI_LT,
        "body_en": KONTAKTAI_EN,
    },
    {
        "slug": "privatumas",
        "order": 60,
        "in_nav": False,
        "title_lt": "Privatumo pranešimas",
        "title_en": "Privacy notice",
        "body_lt": PRIVATUMAS_LT,
        "body_en": PRIVATUMAS_EN,
    },
]


def seed_pages(apps, schema_editor):
    Page = apps.get_model("site", "Page")
    for fields in PAGES:
        values = dict(fields)
        Page.objects.get_or_create(slug=values.pop("slug"), defaults=values)


def unseed_pages(apps, schema_editor):
    Page = apps.get_model("site", "Page")
    Page.objects.filter(slug__in=[fields["slug"] for fields in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("site", "0001_initial")]

    operations = [migrations.RunPython(seed_pages, unseed_pages)]
