"""Controlled vocabularies shared by the models, the checks, the pages and the charts.

Each vocabulary is a StrEnum whose value is what researchers type in YAML; the label and the
definition are what the site shows. Defining them once here keeps the methodology page, the
chart legends and the validator in agreement.
"""

from __future__ import annotations

from enum import StrEnum


class Vocabulary(StrEnum):
    """A StrEnum with a human label and a one-sentence definition per member."""

    @property
    def label(self) -> str:
        return _LABELS[self][0]

    @property
    def definition(self) -> str:
        return _LABELS[self][1]


class Category(Vocabulary):
    PROTEST = "protest"
    CLASH = "clash"
    SECURITY_OPERATION = "security-operation"
    GOVERNMENT_MEASURE = "government-measure"
    POLITICAL_CHANGE = "political-change"
    COMMUNICATIONS = "communications"
    INTERNATIONAL = "international"
    LEGAL = "legal"
    ECONOMY = "economy"


class Confidence(Vocabulary):
    CONFIRMED = "confirmed"
    REPORTED = "reported"
    DISPUTED = "disputed"


class Precision(Vocabulary):
    DAY = "day"
    APPROXIMATE = "approximate"
    MONTH = "month"


class Phase(Vocabulary):
    BACKGROUND = "background"
    MAIN = "main"
    FOLLOW_UP = "follow-up"


class Stance(Vocabulary):
    SUPPORTS_GOVERNMENT = "supports-government"
    SUPPORTS_INTERVENTION = "supports-intervention"
    CALLS_FOR_RESTRAINT = "calls-for-restraint"
    EXPRESSES_CONCERN = "expresses-concern"
    CRITICISES_CRACKDOWN = "criticises-crackdown"
    CRITICISES_INTERVENTION = "criticises-intervention"
    NEUTRAL = "neutral"


class Channel(Vocabulary):
    STATEMENT = "statement"
    SPEECH = "speech"
    PRESS_BRIEFING = "press-briefing"
    CALL = "call"
    SOCIAL_MEDIA = "social-media"
    INTERVIEW = "interview"
    MEETING = "meeting"
    RESOLUTION = "resolution"
    REPORT = "report"


class ActorKind(Vocabulary):
    STATE = "state"
    GOVERNMENT_BODY = "government-body"
    SECURITY_FORCE = "security-force"
    PERSON = "person"
    INTERNATIONAL_ORGANISATION = "international-organisation"
    NGO = "ngo"
    MEDIA = "media"
    COMPANY = "company"
    GROUP = "group"
    PARTY = "party"


class Region(Vocabulary):
    KAZAKHSTAN = "kazakhstan"
    CENTRAL_ASIA = "central-asia"
    RUSSIA_AND_EASTERN_EUROPE = "russia-eastern-europe"
    SOUTH_CAUCASUS = "south-caucasus"
    EAST_ASIA = "east-asia"
    SOUTH_ASIA = "south-asia"
    MIDDLE_EAST = "middle-east"
    EUROPE = "europe"
    NORTH_AMERICA = "north-america"
    GLOBAL = "global"


class SourceKind(Vocabulary):
    NEWS = "news"
    WIRE = "wire"
    OFFICIAL = "official"
    NGO_REPORT = "ngo-report"
    MONITOR = "monitor"
    ANALYSIS = "analysis"
    REFERENCE = "reference"
    AGGREGATOR = "aggregator"


class Metric(Vocabulary):
    DEATHS = "deaths"
    DEATHS_SECURITY_FORCES = "deaths-security-forces"
    DETENTIONS = "detentions"
    INJURED = "injured"
    INJURED_SECURITY_FORCES = "injured-security-forces"
    TROOPS_DEPLOYED = "troops-deployed"
    CRIMINAL_CASES = "criminal-cases"
    OTHER = "other"


class MeasureKind(Vocabulary):
    STATE_OF_EMERGENCY = "state-of-emergency"
    CURFEW = "curfew"
    INTERNET_SHUTDOWN = "internet-shutdown"
    PRICE_CAP = "price-cap"
    FOREIGN_DEPLOYMENT = "foreign-deployment"
    COUNTER_TERRORIST_OPERATION = "counter-terrorist-operation"
    USE_OF_FORCE = "use-of-force"
    MOURNING = "mourning"
    AMNESTY = "amnesty"
    OTHER = "other"


_LABELS: dict[Vocabulary, tuple[str, str]] = {
    Category.PROTEST: ("Protest", "Gatherings, rallies, strikes and road blocks by civilians."),
    Category.CLASH: ("Clash", "Violence between protesters, armed groups and security forces, attacks on buildings."),
    Category.SECURITY_OPERATION: ("Security operation", "Operations, arrests and deployments by security forces."),
    Category.GOVERNMENT_MEASURE: ("Government measure", "Decrees and decisions such as emergency rule, curfews and price controls."),
    Category.POLITICAL_CHANGE: ("Political change", "Resignations, dismissals, appointments and institutional reforms."),
    Category.COMMUNICATIONS: ("Communications", "Internet shutdowns, media restrictions and official addresses."),
    Category.INTERNATIONAL: ("International", "Foreign deployments, diplomatic contacts and decisions of other states or organisations."),
    Category.LEGAL: ("Legal", "Investigations, charges, trials, amnesties and official inquiries."),
    Category.ECONOMY: ("Economy", "Prices, markets and economic decisions that shaped the events."),
    Confidence.CONFIRMED: ("Confirmed", "Reported by at least two independent sources, or by the responsible authority and one independent source."),
    Confidence.REPORTED: ("Reported", "Reported by a single source, or by sources that depend on each other; not contradicted."),
    Confidence.DISPUTED: ("Disputed", "Sources contradict each other on the fact itself, its date or its extent."),
    Precision.DAY: ("Day", "The date is known to the day."),
    Precision.APPROXIMATE: ("Approximate", "The date is known within a few days."),
    Precision.MONTH: ("Month", "Only the month is known."),
    Phase.BACKGROUND: ("Background", "Before the report's period, needed to understand it."),
    Phase.MAIN: ("Main", "Inside the report's period."),
    Phase.FOLLOW_UP: ("Follow-up", "After the report's period: revisions, investigations, trials."),
    Stance.SUPPORTS_GOVERNMENT: ("Supports the government", "Backs the Kazakh authorities' handling of the crisis or their account of it."),
    Stance.SUPPORTS_INTERVENTION: ("Supports the CSTO deployment", "Backs or takes part in the foreign (CSTO) deployment."),
    Stance.CALLS_FOR_RESTRAINT: ("Calls for restraint or dialogue", "Asks all sides to refrain from violence and to seek a peaceful, negotiated solution."),
    Stance.EXPRESSES_CONCERN: ("Expresses concern", "Voices concern, sorrow or solidarity without taking sides."),
    Stance.CRITICISES_CRACKDOWN: ("Criticises the crackdown", "Condemns the use of force, arrests, torture or the shutdown of communications by the authorities."),
    Stance.CRITICISES_INTERVENTION: ("Criticises the foreign intervention", "Questions or condemns the CSTO deployment or its duration."),
    Stance.NEUTRAL: ("Neutral or informational", "Informs (travel advice, evacuations, facts) without judging."),
    Channel.STATEMENT: ("Statement", "A written statement or communiqué."),
    Channel.SPEECH: ("Speech", "A speech or address."),
    Channel.PRESS_BRIEFING: ("Press briefing", "An answer given at a press briefing or conference."),
    Channel.CALL: ("Call", "A telephone or video call, as reported by either side."),
    Channel.SOCIAL_MEDIA: ("Social media", "A post on a social network."),
    Channel.INTERVIEW: ("Interview", "An interview with the media."),
    Channel.MEETING: ("Meeting", "A meeting or summit."),
    Channel.RESOLUTION: ("Resolution", "A resolution adopted by a parliament or an assembly."),
    Channel.REPORT: ("Report", "A report or briefing paper."),
    ActorKind.STATE: ("State", "A country, acting through its government as a whole."),
    ActorKind.GOVERNMENT_BODY: ("Government body", "A ministry, office, parliament or agency."),
    ActorKind.SECURITY_FORCE: ("Security force", "Police, National Guard, army, intelligence or a foreign contingent."),
    ActorKind.PERSON: ("Person", "A named individual."),
    ActorKind.INTERNATIONAL_ORGANISATION: ("International organisation", "An organisation of states, or one of its bodies."),
    ActorKind.NGO: ("NGO", "A non-governmental organisation."),
    ActorKind.MEDIA: ("Media", "A news outlet or agency."),
    ActorKind.COMPANY: ("Company", "A business, state-owned or private."),
    ActorKind.GROUP: ("Group", "An informal group such as protesters or residents."),
    ActorKind.PARTY: ("Party", "A political party."),
    Region.KAZAKHSTAN: ("Kazakhstan", "Kazakh actors."),
    Region.CENTRAL_ASIA: ("Central Asia", "Kazakhstan's Central Asian neighbours."),
    Region.RUSSIA_AND_EASTERN_EUROPE: ("Russia and Eastern Europe", "Russia, Belarus, Ukraine and their neighbours."),
    Region.SOUTH_CAUCASUS: ("South Caucasus", "Armenia, Azerbaijan, Georgia."),
    Region.EAST_ASIA: ("East Asia", "China, Japan, Korea, Mongolia."),
    Region.SOUTH_ASIA: ("South Asia", "India, Pakistan and their neighbours."),
    Region.MIDDLE_EAST: ("Middle East and Turkey", "Turkey, Iran and the Arab states."),
    Region.EUROPE: ("Europe", "The European Union, its members and the United Kingdom."),
    Region.NORTH_AMERICA: ("North America", "The United States and Canada."),
    Region.GLOBAL: ("Global", "Global organisations and NGOs."),
    SourceKind.NEWS: ("News", "A news article by an outlet."),
    SourceKind.WIRE: ("Wire", "A news-agency dispatch, or its republication."),
    SourceKind.OFFICIAL: ("Official", "A statement or document published by the body concerned."),
    SourceKind.NGO_REPORT: ("NGO report", "A report or statement by a non-governmental organisation."),
    SourceKind.MONITOR: ("Monitor", "A technical monitor, such as an internet-measurement service."),
    SourceKind.ANALYSIS: ("Analysis", "Commentary or analysis, published after the facts."),
    SourceKind.REFERENCE: ("Reference", "An encyclopedia or reference work, used only as a pointer."),
    SourceKind.AGGREGATOR: ("Aggregator or mirror", "A copy of another outlet's text; used only when nothing better was available."),
    Metric.DEATHS: ("Deaths", "People killed, all groups."),
    Metric.DEATHS_SECURITY_FORCES: ("Deaths among security forces", "Police, National Guard and military personnel killed."),
    Metric.DETENTIONS: ("Detentions", "People detained or taken to police stations."),
    Metric.INJURED: ("Injured", "People injured, all groups."),
    Metric.INJURED_SECURITY_FORCES: ("Injured security forces", "Police, National Guard and military personnel injured."),
    Metric.TROOPS_DEPLOYED: ("Foreign troops deployed", "Personnel of the CSTO contingents."),
    Metric.CRIMINAL_CASES: ("Criminal cases", "Criminal cases opened."),
    Metric.OTHER: ("Other", "Another counted quantity, named in the record."),
    MeasureKind.STATE_OF_EMERGENCY: ("State of emergency", "Emergency rule declared by decree."),
    MeasureKind.CURFEW: ("Curfew", "A ban on movement at set hours."),
    MeasureKind.INTERNET_SHUTDOWN: ("Internet shutdown", "A disruption or block of internet access."),
    MeasureKind.PRICE_CAP: ("Price cap", "A regulated price for fuel or goods."),
    MeasureKind.FOREIGN_DEPLOYMENT: ("Foreign deployment", "Foreign troops on Kazakh soil."),
    MeasureKind.COUNTER_TERRORIST_OPERATION: ("Counter-terrorist operation", "A declared counter-terrorist regime."),
    MeasureKind.USE_OF_FORCE: ("Use of force", "Orders on the use of lethal force."),
    MeasureKind.MOURNING: ("Mourning", "A day of national mourning."),
    MeasureKind.AMNESTY: ("Amnesty", "An amnesty for participants."),
    MeasureKind.OTHER: ("Other", "Another measure, named in the record."),
}


class PublisherKind(Vocabulary):
    """What kind of voice a publisher of sources is, for `content/publishers.yml`."""

    OFFICIAL = "official"
    STATE_MEDIA = "state-media"
    INDEPENDENT_MEDIA = "independent-media"
    WIRE = "wire"
    NGO = "ngo"
    MONITOR = "monitor"
    ANALYSIS = "analysis"
    AGGREGATOR = "aggregator"
    REFERENCE = "reference"
    UNKNOWN = "unknown"


_LABELS.update({
    PublisherKind.OFFICIAL: ("Official", "A government, parliament, ministry, embassy or intergovernmental body speaking for itself."),
    PublisherKind.STATE_MEDIA: ("State media", "A news agency, broadcaster or newspaper owned or funded by a state, public broadcasters included."),
    PublisherKind.INDEPENDENT_MEDIA: ("Independent media", "A news outlet not owned or funded by a state (commercial, cooperative or non-profit)."),
    PublisherKind.WIRE: ("News agency", "A news agency (wire) not owned by a state, whose dispatches other outlets carry."),
    PublisherKind.NGO: ("NGO", "A non-governmental organisation publishing its own research or statements."),
    PublisherKind.MONITOR: ("Monitor", "A technical monitor, such as an internet-measurement service."),
    PublisherKind.ANALYSIS: ("Analysis", "A think tank, research centre or analysis outlet."),
    PublisherKind.AGGREGATOR: ("Aggregator or mirror", "A site that republishes other outlets' texts; it is no voice of its own."),
    PublisherKind.REFERENCE: ("Reference", "An encyclopedia or reference work."),
    PublisherKind.UNKNOWN: ("Unknown", "A publisher whose owner and kind could not be established."),
})
