"""What the synthetic agents say in the cue scenarios (bench_scenarios.py), in two sets.

Set "dev" was looked at while building the scenarios; set "held-out" only when reporting.
Calm sentences hold no key point (number, amount, date, weekday, code, key phrase), no
acknowledgement, no policy-shield or blame phrase: by themselves they must give no cue.
"""

CALM = {
    "dev": [
        "Ik kijk even met u mee in uw gegevens.",
        "Ik zie hier dat uw aanvraag goed bij ons is binnengekomen.",
        "De monteur komt langs om de meter te controleren.",
        "U krijgt daarover nog een bevestiging per post.",
        "Als u wilt, kan ik dat meteen voor u aanpassen.",
        "Het nieuwe voorschot gaat in bij de volgende termijn.",
        "U hoeft daar zelf verder niets voor te doen.",
        "Ik heb een notitie gemaakt in uw dossier.",
        "Zo kunnen mijn collega's later ook zien wat we hebben afgesproken.",
        "De brief met alle details komt deze week naar u toe.",
        "Mocht er iets niet kloppen, dan hoor ik dat graag.",
        "We sturen de factuur voortaan per e-mail.",
        "U kunt uw verbruik ook bekijken in de app.",
        "Daar staat precies wat u per maand betaalt.",
        "Ik zet de wijziging nu voor u door.",
        "Het kan even duren voordat u dat terugziet.",
        "Heeft u verder nog vragen over de rekening?",
        "De storing in uw wijk is inmiddels verholpen.",
        "Uw pakket is vanochtend bij ons magazijn vertrokken.",
        "De bezorger belt aan voordat hij het pakket afgeeft.",
        "Als u niet thuis bent, gaat het naar een afhaalpunt in de buurt.",
        "U kunt het daar ophalen met uw legitimatie.",
        "Ik blijf dit voor u volgen tot het geregeld is.",
        "Dan wens ik u nog een fijne middag.",
    ],
    "held-out": [
        "Ik heb uw gegevens erbij gepakt.",
        "Ik zie dat de betaling goed is verwerkt.",
        "Uw abonnement loopt gewoon door zoals afgesproken.",
        "De technische dienst neemt contact met u op.",
        "Zij plannen dan een afspraak op een moment dat u uitkomt.",
        "Ik kan de herinnering voor u stopzetten.",
        "Dan krijgt u daar geen post meer over.",
        "Uw nieuwe modem wordt binnenkort verstuurd.",
        "Sluit het apparaat aan zoals in de handleiding staat.",
        "Het lampje gaat groen branden als alles werkt.",
        "Lukt dat niet, dan kunt u ons gewoon weer bellen.",
        "Ik verstuur de offerte vandaag nog naar u toe.",
        "U heeft dan rustig de tijd om alles door te lezen.",
        "Als het u bevalt, kunt u digitaal tekenen.",
        "Uw contract wordt daarna automatisch verlengd.",
        "Opzeggen kan op elk moment via de website.",
        "Ik heb de klacht doorgestuurd naar de afdeling facturen.",
        "Zij bekijken het en laten u weten wat de uitkomst is.",
        "In de tussentijd hoeft u niets te betalen.",
        "De incasso wordt tijdelijk stopgezet.",
        "Ik zie dat uw verhuizing goed is doorgegeven.",
        "Op het nieuwe adres wordt de aansluiting op tijd geregeld.",
        "De oude meterstanden geeft u gewoon online door.",
        "Fijn dat u even gebeld heeft.",
    ],
}

ACKNOWLEDGING = {
    "dev": [
        "Ik begrijp dat dit vervelend voor u is.",
        "Wat vervelend dat dit is gebeurd.",
        "Dat kan ik me goed voorstellen.",
    ],
    "held-out": [
        "Dat begrijp ik heel goed.",
        "Wat vervelend voor u.",
        "Ik hoor dat u hier flink last van heeft.",
    ],
}
"""Replies that start by acknowledging the customer."""

STRAIGHT_TO_PROCEDURE = {
    "dev": [
        "U moet dan een nieuw formulier invullen en dat naar ons opsturen.",
        "Dan stuur ik een monteur naar u toe voor een controle.",
        "U kunt de meterstand het beste zelf via de app doorgeven.",
    ],
    "held-out": [
        "Dan zet ik een nieuwe aanvraag voor u klaar in het systeem.",
        "Het formulier staat op de website onder klantenservice.",
        "De rekening wordt dan opnieuw berekend door de afdeling.",
    ],
}
"""Replies that go straight to the procedure, without acknowledging."""

KEY_POINTS = {
    "dev": [
        ("amount", "Het bedrag dat nog openstaat is", "honderdtwintig euro."),
        ("date", "De monteur komt bij u langs op", "vijftien maart."),
        ("number", "Het nummer van uw melding is", "vier zeven acht twee negen."),
        ("key phrase", "U kunt gewoon inloggen, maar", "let op, uw wachtwoord verandert."),
    ],
    "held-out": [
        ("amount", "Uw nieuwe voorschot wordt", "vijfenveertig euro per maand."),
        ("date", "De afspraak staat voor u gepland op", "dinsdag de achtste april."),
        ("number", "U kunt de zending volgen met", "drie acht vijf een nul zes."),
        ("key phrase", "Daarna kunt u verder, en", "vergeet u niet de meterstand door te geven."),
    ],
}
"""(kind, what leads up to it, the key information) said in one breath or after a pause."""

PHRASES = {
    "dev": [
        ("policy_shield", "Dat is ons beleid, daar gaan wij niet van af."),
        ("policy_shield", "Daar kan ik niets aan doen, het systeem staat het niet toe."),
        ("blame", "U had eerder moeten bellen over deze storing."),
        ("blame", "Dat is uw eigen schuld, want de termijn was al verstreken."),
        (None, "Daar kan ik iets aan doen, ik pas het direct voor u aan."),
        (None, "Ons beleid is dat we u altijd binnen een dag terugbellen."),
        (None, "U had gelijk, de meter bleek inderdaad kapot te zijn."),
    ],
    "held-out": [
        ("policy_shield", "Dat zijn nu eenmaal de regels van het bedrijf."),
        ("policy_shield", "Volgens de procedure moet u eerst een formulier sturen."),
        ("blame", "Dat had u kunnen weten, het stond gewoon in de brief."),
        ("blame", "U heeft het niet goed gelezen, want het staat er duidelijk."),
        (None, "De regels zijn onlangs aangepast in uw voordeel."),
        (None, "Dat is uw goed recht, u kunt altijd bezwaar maken."),
        (None, "U heeft het formulier helemaal goed ingevuld."),
    ],
}
"""(the cue it should give, or None for a near miss that should not, sentence)."""
