"""General English cue lists for the hybrid strategy: data only, no logic.

Written for typical wire-service and newspaper reporting of prisoner releases, exchanges,
pardons and hostage hand-overs anywhere in the world. Nothing here is taken from a particular
article: every entry is ordinary vocabulary of the genre (or a country name), so the rules
that read these lists behave the same on articles nobody has seen.

Verb and noun entries are spaCy lemmas (lower case) unless the name says PHRASES, which are
lower-case surface strings matched on word boundaries.
"""

from __future__ import annotations

__all__ = [
    "ABOUT_PHRASES",
    "ABOVE_PHRASES",
    "ABSENTIA_WORDS",
    "ACCUSING_VERBS",
    "ACTOR_VERBS",
    "AFTER_RELEASE_MARKERS",
    "AGENCY_NOUNS",
    "ALIAS_WORDS",
    "ANY_LEADER_TITLES",
    "APPLY_VERBS",
    "ARMED_GROUPS",
    "ARMED_GROUP_MODIFIERS",
    "ARMED_GROUP_NOUNS",
    "ARRIVAL_VERBS",
    "BELOW_PHRASES",
    "BODY_NOUNS",
    "BODY_POSTS",
    "BOILERPLATE_WORDS",
    "BYLINE_WORDS",
    "CAPITALS",
    "CAPTIVE_NOUNS",
    "CAPTIVITY_VERBS",
    "CAPTURE_VERBS",
    "CHARGE_CUES",
    "CHARGE_TERMS",
    "CITIZENSHIP_NOUNS",
    "CITIZEN_NOUNS",
    "CLAUSE_POST_VERBS",
    "CONTACT_NOUNS",
    "CONTRIBUTION_VERBS",
    "COUNSEL_NOUNS",
    "COURTESY_NOUNS",
    "COURT_NOUNS",
    "COURT_OFFICER_NOUNS",
    "COVER_VERBS",
    "CREDIT_WORDS",
    "CUSTODY_PLACE_WORDS",
    "DEAL_ALSO_VERBS",
    "DEAL_NOUNS",
    "DEAL_PHRASES",
    "DECIDE_VERBS",
    "DELEGATION_NOUNS",
    "DEMAND_VERBS",
    "DENIAL_PHRASES",
    "DETAINED_MODIFIERS",
    "DETAINEE_NOUNS",
    "DETENTION_PLACES",
    "DETENTION_STATE_NOUNS",
    "DETENTION_VERBS",
    "DETENTION_WORDS",
    "EARLIER_RELEASE_PHRASES",
    "ELIGIBLE_WORDS",
    "ENACT_VERBS",
    "ENGAGEMENT_VERBS",
    "ENGLISH_FUNCTION_WORDS",
    "EVENT_CUES",
    "EVENT_TOPIC_WORDS",
    "EXCHANGE_PHRASES",
    "EXCLUSION_PHRASES",
    "EXCLUSION_VERBS",
    "FACED_PROCEEDING_NOUNS",
    "FACILITY_NOUNS",
    "FAILED_VERBS",
    "FALL_VERBS",
    "FOREIGN_ARTICLES",
    "FREEDOM_GAIN_VERBS",
    "FREEDOM_NOUNS",
    "FREE_PERSON_NOUNS",
    "FROZEN_WORDS",
    "FUNDS_NOUNS",
    "FUTURE_HEADS",
    "FUTURE_MARKERS",
    "GAIN_VERBS",
    "GIVE_FREEDOM_VERBS",
    "GIVING_VERBS",
    "GOVERNMENT_SEATS",
    "GRANTED_ACT_NOUNS",
    "GRANTED_FREEDOM_NOUNS",
    "GRANTER_VERBS",
    "GRANT_VERBS",
    "HANDOVER_VERBS",
    "HEADLINE_FUNCTION_WORDS",
    "HEAD_OF_STATE_TITLES",
    "HELD_GROUP_PHRASES",
    "HELD_NOUNS",
    "HELD_PERSON_NOUNS",
    "HELP_VERBS",
    "HISTORY_VERBS",
    "HOME_VERBS",
    "HUMAN_VERBS",
    "HYPOTHETICAL_MARKERS",
    "INELIGIBLE_WORDS",
    "INSTRUCTION_CUES",
    "INTEND_VERBS",
    "INTERNATIONAL_BODIES",
    "INVOLVEMENT_NOUNS",
    "JUDGE_TITLES",
    "LEADER_ACTS",
    "LEADER_BODY_NOUNS",
    "LEADER_NAMED_BODY_NOUNS",
    "LEAD_VERBS",
    "LEAVE_VERBS",
    "LEGISLATOR_ROLES",
    "LIBERTY_WORDS",
    "LIST_NOUNS",
    "LIST_OPENERS",
    "LIST_PREPOSITIONS",
    "LIST_SEPARATORS",
    "MEDIATION_NOUNS",
    "MEDIATION_PHRASES",
    "MODAL_MARKERS",
    "MODAL_VERBS",
    "MONARCHS",
    "NAME_JOINERS",
    "NAME_NOUNS",
    "NAME_PARTICLES",
    "NEGATION_WORDS",
    "NEGOTIATION_VERBS",
    "NEGOTIATOR_ROLES",
    "NON_PERSON_WORDS",
    "NON_STATE_BODY_WORDS",
    "NON_STATE_CAPTORS",
    "NOT_CUSTODY_HOLD_WORDS",
    "NOT_CUSTODY_NOUNS",
    "NOT_CUSTODY_VERBS",
    "NOT_GIVEN_NAMES",
    "NOT_HONORIFIC_WORDS",
    "NOT_PERSON_NOUNS",
    "OCCUR_VERBS",
    "OFFICE_NAME_WORDS",
    "OFFICIAL_BODY_NOUNS",
    "OFFICIAL_ROLES",
    "ONGOING_WORDS",
    "ORDER_NOUNS",
    "ORGANISATION_NOUNS",
    "OUTSIDE_PREPOSITIONS",
    "PARTITIVE_HEADS",
    "PARTNER_NOUNS",
    "PART_OF_DAY_WORDS",
    "PART_OF_GROUP_NOUNS",
    "PART_TAKING_VERBS",
    "PAST_ROLE_WORDS",
    "PAST_ROUND_PHRASES",
    "PATRONYMIC_SUFFIXES",
    "PAYMENT_VERBS",
    "PENALTY_NOUNS",
    "PERFORMER_VERBS",
    "PERMITTED_EXIT_VERBS",
    "PERMIT_VERBS",
    "PERSON_ROLE_NOUNS",
    "PLACE_NOUNS",
    "POLITICAL_DETENTION_PHRASES",
    "POST_NOUNS",
    "PROCEEDING_END_VERBS",
    "PROCEEDING_NOUNS",
    "PUBLISHED_NOUNS",
    "QUALIFY_VERBS",
    "REAL_NAME_PHRASES",
    "REAL_NAME_WORDS",
    "RECEIVED_FIGURE_VERBS",
    "RECEIVER_NOUNS",
    "RECEIVE_VERBS",
    "REFUSAL_VERBS",
    "RELATIVE_DAY_WORDS",
    "RELATIVE_NOUNS",
    "RELEASED_TO_PHRASES",
    "RELEASE_ADJECTIVES",
    "RELEASE_COMPLEMENTS",
    "RELEASE_DONE_VERBS",
    "RELEASE_INSTRUMENT_NOUNS",
    "RELEASE_NOUNS",
    "RELEASE_ORDER_VERBS",
    "RELEASE_REQUEST_VERBS",
    "RELEASE_VERBS",
    "REMAINS_NOUNS",
    "REMAIN_PHRASES",
    "REPRESENTATIVE_NOUNS",
    "RESTRICTION_NOUNS",
    "REVERSAL_VERBS",
    "RIGHTS_GROUP_WORDS",
    "ROLE_SUFFIXES",
    "RULED_RELEASE_VERBS",
    "SANCTION_NOUNS",
    "SANCTION_VERBS",
    "SCHEDULE_COMPARATIVES",
    "SEASON_WORDS",
    "SELF_RELEASE_VERBS",
    "SENTENCE_NOUNS",
    "SENTENCING_VERBS",
    "SERVED_PENALTY_NOUNS",
    "SHARE_NOUNS",
    "SIDE_NOUNS",
    "SPAN_BOUNDARY_WORDS",
    "SPAN_CLOSERS",
    "SPEECH_VERBS",
    "STAFF_NOUNS",
    "STILL_DETAINED_PHRASES",
    "SUBGROUP_CAUSES",
    "SUBGROUP_NOUNS",
    "SUBGROUP_TAILS",
    "SUPPORT_PARTICIPLES",
    "SURNAME_LIKE_WORDS",
    "SWAP_WORDS",
    "TALK_NOUNS",
    "THANKS_VERBS",
    "TIME_NOUNS",
    "TIME_OF_DAY_NOUNS",
    "TITLES",
    "TRADE_WORDS",
    "TRANSFER_VERBS",
    "TRIAL_NOUNS",
    "UNFREEZE_VERBS",
    "WITHDRAWAL_VERBS",
    "WRITER_NOUNS",
]

# ---------------------------------------------------------------- release

# Verbs whose object (or passive subject) is freed: "X was pardoned", "they freed X".
RELEASE_VERBS: frozenset[str] = frozenset({
    "release", "free", "pardon", "amnesty", "liberate", "exchange", "swap", "trade", "repatriate",
    "unshackle", "discharge", "rescue", "deport", "expel", "extradite", "commute", "clemency",
    # Court and parole outcomes that end custody: "acquitted and released", "exonerated and
    # freed", "was paroled". Release on bail or parole counts as freed (the person leaves custody).
    "acquit", "exonerate", "parole",
    # "was bailed" (released on bail), "were amnestied" (lemma "amnesty" above)
    "bail",
})
# Nouns of release: "X's release", "the release of X", "the freed X".
RELEASE_NOUNS: frozenset[str] = frozenset({
    "release", "freedom", "pardon", "amnesty", "exchange", "swap", "handover", "hand-over", "clemency",
    "liberation", "repatriation", "deportation", "return",
})
# Participles used as modifiers of a person: "freed activist X", "released prisoner X".
RELEASE_ADJECTIVES: frozenset[str] = frozenset({
    "released", "freed", "pardoned", "liberated", "exchanged", "swapped", "repatriated", "deported",
})
# Verbs of what freed people do next: "X arrived in", "X was reunited with his family".
ARRIVAL_VERBS: frozenset[str] = frozenset({"arrive", "land", "reunite", "return", "cross", "disembark"})
# Verbs that move freed people somewhere: "N were taken to", "flown to", "bused into".
TRANSFER_VERBS: frozenset[str] = frozenset({
    "take", "transfer", "transport", "fly", "send", "deport", "expel", "relocate", "move", "bus",
    "head", "arrive", "cross", "hand", "bring", "evacuate", "drive", "escort", "deliver", "leave",
    "depart", "repatriate", "return", "go", "land", "exile", "release", "free", "continue", "travel",
})
# Verbs whose subject performs the release (the releasing authority when active voice).
ACTOR_VERBS: frozenset[str] = frozenset({
    "release", "free", "pardon", "amnesty", "liberate", "commute", "order", "sign", "decree", "grant",
})
# Objects of "grant" that free someone from custody (bail and parole count): "granted bail".
GRANTED_FREEDOM_NOUNS: frozenset[str] = frozenset({"bail", "parole", "liberty", "freedom", "release", "pardon", "amnesty", "clemency"})
# Verbs of leaving: with a place of detention left they mean freed: "walked out of prison",
# "got out of jail".
LEAVE_VERBS: frozenset[str] = frozenset({"walk", "come", "step", "leave", "emerge", "exit", "get"})

# ---- release expressions beyond a release verb. `hybrid_text.is_release_token` reads them on the
# dependency parse, so every detector that asks "is this a release?" (person status, the event's
# judgement that a release was told done, counts, dates) knows the same expressions; the mood
# checks (demanded, hypothetical, for later, negated) apply to them as to "freed".
# A verb with one of these particles or complements among its children, by lemma: "set free",
# "set loose", "let go", "let out", "walked free", "went free", "turned loose", "handed over".
RELEASE_COMPLEMENTS: dict[str, frozenset[str]] = {
    "set": frozenset({"free", "loose"}),
    "let": frozenset({"free", "go", "loose", "out"}),
    "walk": frozenset({"free"}),
    "go": frozenset({"free"}),
    "turn": frozenset({"loose"}),
    "hand": frozenset({"over"}),
}
# Verbs whose subject gains their own freedom when the object (or the object of "from") is one of
# `FREEDOM_NOUNS`: "regained his freedom", "won her release", "received a pardon", "tasted
# freedom", "earned early release", "benefited from the amnesty". Not an object with "of" ("won
# the release of 40 prisoners" is someone else's), nor a go-between's "secured" (NEGOTIATION_VERBS).
FREEDOM_GAIN_VERBS: frozenset[str] = frozenset({
    "regain", "win", "gain", "receive", "get", "obtain", "taste", "recover", "earn", "benefit",
})
FREEDOM_NOUNS: frozenset[str] = frozenset({
    "freedom", "liberty", "release", "pardon", "amnesty", "clemency", "parole", "bail",
})
# Verbs of permitting: with a release expression after them they free ("was allowed to leave
# prison", "allowed to return home"); "let" also with any verb of leaving ("let the reporter go").
PERMIT_VERBS: frozenset[str] = frozenset({"let", "allow", "permit"})
PERMITTED_EXIT_VERBS: frozenset[str] = frozenset({"leave", "go"})
# Verbs of giving whose object, one of GRANTED_FREEDOM_NOUNS, frees: "was granted bail", "was
# given his freedom".
GIVE_FREEDOM_VERBS: frozenset[str] = frozenset({"grant", "give"})
# Nouns a freed person is called with "free" before them: "X is a free man", "walked out a free woman".
FREE_PERSON_NOUNS: frozenset[str] = frozenset({"man", "woman", "person", "citizen", "people"})
# Places a transfer to which is a release (freed to house arrest counts as released): "moved to
# house arrest". Lower-case phrases.
RELEASED_TO_PHRASES: tuple[str, ...] = ("house arrest",)
# Places "discharged from" which is no release from custody ("discharged from hospital").
NOT_CUSTODY_NOUNS: frozenset[str] = frozenset({
    "hospital", "clinic", "army", "military", "service", "navy", "duty", "job", "post", "care", "ward",
})
# Places of detention left by someone freed: "left jail", "emerged from the detention centre".
DETENTION_PLACES: frozenset[str] = frozenset({"prison", "jail", "gaol", "detention", "custody", "captivity", "cell", "penitentiary", "camp", "colony"})
# International bodies `extract.countries` names beside states (canonical names): never a state
# whose release is reported, so never counted as a candidate releasing country.
INTERNATIONAL_BODIES: frozenset[str] = frozenset({
    "European Union", "United Nations", "International Committee of the Red Cross",
    "Organization for Security and Co-operation in Europe", "Council of Europe", "NATO", "African Union",
    "Arab League", "ASEAN",
})
# Places people are held in, counted as places: "held in three detention centres" (not a count of people).
FACILITY_NOUNS: frozenset[str] = DETENTION_PLACES | {"centre", "center", "facility", "site", "compound", "base", "station"}
# Verbs that make a release noun in their sentence asked for or offered, not done: "urged Iran's release of X".
RELEASE_REQUEST_VERBS: frozenset[str] = frozenset({"demand", "call", "seek", "urge", "offer", "propose", "ask"})
# Verbs of calls, efforts and refusals before "to free" (no release done): "urged them to free X".
FAILED_VERBS: frozenset[str] = frozenset({
    "call", "demand", "urge", "push", "press", "campaign", "appeal", "seek", "fight", "lobby", "hope",
    "plead", "ask", "want", "wait", "await", "work", "refuse", "deny", "reject", "oppose", "block",
    "contest", "challenge", "overturn", "cancel", "revoke", "annul",
    # attempted or offered, not done: "efforts to free X", "had offered to release Y"
    "effort", "attempt", "bid", "try", "offer",
})
# Words that make "freedom" a liberty, not a release: "press freedom", "freedom of expression". (Surface words, not lemmas.)
LIBERTY_WORDS: frozenset[str] = frozenset({"press", "media", "internet", "religious", "academic", "political", "civil", "expression",
                                           "speech", "assembly", "association", "movement", "information", "belief", "religion"})
# What is released when "release" means publish: "a photo released by the UN".
PUBLISHED_NOUNS: frozenset[str] = frozenset({
    "photo", "photograph", "picture", "image", "video", "footage", "statement", "recording", "audio", "clip",
    "communique", "handout",
})
# Verbs of demanding a release: "called for X's release", "urged Y to free X".
DEMAND_VERBS: frozenset[str] = frozenset({"call", "urge", "demand", "ask", "appeal", "press", "want", "recommend", "request"})
# Verbs whose active subject performs a release: the actor verbs and the phrasal release verbs
# ("the authorities handed over eight prisoners", "were set free by the authorities").
PERFORMER_VERBS: frozenset[str] = ACTOR_VERBS | {"hand", "set", "let", "deport", "expel", "repatriate"}

# ---------------------------------------------------------------- detention, negation

# Nouns for detained people: the head noun of a released count ("40 political prisoners").
DETAINEE_NOUNS: frozenset[str] = frozenset({
    "prisoner", "detainee", "inmate", "hostage", "captive", "convict", "people", "person", "individual",
    "citizen", "national", "civilian", "foreigner", "activist", "journalist", "dissident", "protester",
    "protestor", "opponent", "critic", "soldier", "serviceman", "servicemen", "pow", "fighter",
    "militant", "man", "woman", "child", "minor", "student", "worker", "figure", "member", "blogger",
    "lawyer", "priest", "cleric", "fisherman", "sailor", "crew", "tourist", "other", "resident",
})
# Words that make a sentence about detention (for "remains" contexts and charges).
DETENTION_WORDS: frozenset[str] = frozenset({
    "prison", "jail", "gaol", "detention", "custody", "captivity", "bar", "cell", "camp", "colony",
    "imprison", "jailed", "detain", "hold", "incarcerate", "lockup", "penitentiary", "behind", "arrest",
    "death row", "row", "confinement", "bars", "imprisoned", "detained", "held", "incarcerated",
})
# Words that put a clause on the article's subject (a release, a detention, a case, a deal): a
# leader whose act is on none of them is merely mentioned ("X took the oath of office": other).
EVENT_TOPIC_WORDS: frozenset[str] = frozenset({
    "court", "trial", "verdict", "sentence", "bail", "charge", "appeal", "case", "judge", "ruling",
    "deal", "agreement", "talk", "negotiation", "exchange", "swap", "prisoner", "detainee", "hostage",
    "captive", "inmate", "convict", "decree", "order", "clemency", "amnesty", "pardon", "release",
    "freedom", "sanction", "request", "demand", "petition", "journalist", "activist", "decision",
    "proposal", "offer", "plan",
})
# Verbs by which an official deals with a case or a counterpart, on the event's topic whatever
# their object: "X met his counterpart", "X declined to give details", "X thanked Y".
ENGAGEMENT_VERBS: frozenset[str] = frozenset({
    "meet", "visit", "call", "phone", "host", "thank", "welcome", "greet", "praise", "hail", "discuss",
    "press", "push", "urge", "ask", "request", "decline", "refuse", "promise", "pledge", "intervene",
    "raise", "receive", "accept", "reject", "approve", "sign", "order", "insist", "demand", "confirm",
})
# Ranks, styles and epithets that may stand capitalised before a name without being a given name
# ("Emperor X", "Grand Mufti X", "Strongman X"): never glued onto a name the tagger cut.
NOT_GIVEN_NAMES: frozenset[str] = frozenset({
    "magistrate", "duke", "duchess", "field", "sayyid", "grand", "mufti", "patriarch", "metropolitan",
    "highness", "majesty", "excellency", "tsar", "czar", "emperor", "empress", "junta", "strongman",
    "dictator", "warlord", "regime", "rebel", "rebels", "militia", "tribal", "clan", "hardliner",
    "reformist", "veteran", "jailed", "freed", "detained", "exiled", "late", "former", "acting",
})
# Lower-case phrases that say a person is not (yet) free.
STILL_DETAINED_PHRASES: tuple[str, ...] = (
    "remains in prison", "remain in prison", "remained in prison", "kept behind bars", "remains in jail", "remain in jail",
    "remains jailed", "remain jailed", "remains behind bars", "remain behind bars", "remains in custody",
    "remain in custody", "remains detained", "remain detained", "remains imprisoned", "remain imprisoned",
    "remains in detention", "remains held", "remain held", "still jailed", "still in jail", "still in prison",
    "still behind bars", "still held", "still detained", "still imprisoned", "still in custody",
    "still in detention", "still being held", "is still", "are still", "continues to be held",
    "continue to be held", "continues to serve", "is serving", "are serving", "still serving",
    "was not on the list", "were not on the list", "not on the list", "not among", "was not released",
    "were not released", "was not freed", "were not freed", "was not pardoned", "were not pardoned",
    "not included", "was left out", "were left out", "left behind", "excluded from", "not part of",
    "no word on", "remains in captivity", "remain in captivity", "still in captivity", "is being held",
    "are being held", "languishes", "languish", "stays in prison", "will stay in prison",
    "not been heard from", "not been seen since", "held incommunicado", "whereabouts are unknown",
    "whereabouts remain unknown", "remain under arrest", "remains under arrest", "still under arrest",
    "remained under arrest",
)
# Phrases that open a list of people still held: "Those still held include X", "The other known
# hostages are X and Y". A name after one (with no release word in between) is still detained.
HELD_GROUP_PHRASES: tuple[str, ...] = (
    "still held include", "still held are", "still being held include", "still being held are",
    "those still held", "those still in prison", "those still in jail", "those still behind bars",
    "those still detained", "still in custody are", "other hostages", "other known hostages",
    "remaining hostages", "other captives", "remaining captives", "still held hostage", "remain in custody",
    "remain behind bars", "remain in prison", "remain in jail", "remain jailed", "remain detained",
    "remain imprisoned", "remain held", "still jailed are", "still imprisoned are", "still jailed include",
)
# Verbs whose object a pardon or amnesty (their subject) frees: "the pardon covered X and Y".
COVER_VERBS: frozenset[str] = frozenset({"cover", "include", "benefit", "encompass", "extend", "apply"})
# Verbs whose object one side got in an exchange: "Russia received in exchange X and Y".
RECEIVE_VERBS: frozenset[str] = frozenset({"receive", "get", "obtain", "win", "secure", "gain", "recover"})
# Verbs and phrases that, with a negation, reverse a release cue ("was not freed").
NEGATION_WORDS: frozenset[str] = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
# Phrases for a remaining-prisoners figure: "N dissidents are still held".
REMAIN_PHRASES: tuple[str, ...] = (
    "remain", "remains", "still held", "still jailed", "still behind bars", "still in prison",
    "still imprisoned", "still detained", "are still", "continue to be held", "left behind bars",
    "still in custody", "still in jail", "remaining", "still being held",
)
# Head nouns that make a still-held figure a subgroup's, not the country's political prisoners:
# "12 journalists remain behind bars", "19 hostages are still held", "eight Americans remain".
SUBGROUP_NOUNS: frozenset[str] = frozenset({
    "journalist", "reporter", "blogger", "hostage", "captive", "defendant", "foreigner", "national", "citizen",
    "soldier", "serviceman", "servicemen", "pow", "european", "fisherman", "sailor", "tourist", "worker",
    "student", "priest", "woman", "child", "minor",
})
# Words after a still-held figure that make it a subgroup of people just mentioned: "three more remain".
SUBGROUP_TAILS: frozenset[str] = frozenset({"more", "other", "others"})
# Prepositions tying a still-held figure to one cause: "jailed over social media posts",
# "imprisoned in connection with the protests".
SUBGROUP_CAUSES: tuple[str, ...] = ("in connection with", "over their", "over social", "over posts", "over comments")
# Verbs of giving something up: "in return, X dropped its objection to ..." (the exchange is the act).
WITHDRAWAL_VERBS: frozenset[str] = frozenset({
    "drop", "withdraw", "abandon", "waive", "scrap", "shelve", "end", "suspend", "halt", "cancel", "forgo",
})
# Phrases that call a still-held figure political: the country's count of political prisoners.
POLITICAL_DETENTION_PHRASES: tuple[str, ...] = (
    "political prisoner", "political prisoners", "political detainee", "political detainees",
    "political reasons", "political grounds", "politically motivated", "political charges", "political cases",
    "prisoners of conscience", "prisoner of conscience", "for their opinions", "for their views",
    "opposing military rule", "for political", "on political",
)
# Qualifiers that attribute a figure to a rights group (preferred for remaining_prisoners).
RIGHTS_GROUP_WORDS: tuple[str, ...] = (
    "rights group", "rights groups", "human rights", "rights organisation", "rights organization",
    "rights organisations", "rights organizations", "rights monitor", "rights monitors", "rights centre",
    "rights center", "rights defenders", "watchdog", "ngo", "advocacy group", "monitoring group",
    "rights activists", "rights body",
)
# Verbs of a sentence passed on someone: "X was sentenced to five years".
SENTENCING_VERBS: frozenset[str] = frozenset({"sentence", "convict", "jail", "imprison", "incarcerate"})
# Verbs of an arrest or a charge: "X was arrested in May", "X was indicted".
ACCUSING_VERBS: frozenset[str] = frozenset({
    "arrest", "detain", "charge", "remand", "indict", "apprehend", "hold", "kidnap", "abduct", "seize", "capture",
    "incarcerate", "intern",
})
# Nouns of criminal proceedings brought against someone: "the case against X", "the verdict against X",
# "X's trial" (lemmas; rule held.proceedings-against).
PROCEEDING_NOUNS: frozenset[str] = frozenset({
    "case", "charge", "verdict", "trial", "retrial", "prosecution", "indictment", "sentence", "conviction",
    "proceeding",
})
# Proceedings that name their defendant by "of" or a possessive: "the trial of X", "X's trial" ("the case of X"
# is any matter raised, not a prosecution).
TRIAL_NOUNS: frozenset[str] = frozenset({"trial", "retrial", "prosecution", "conviction"})
# Verbs that end proceedings: "the charges against X were dropped", "the case against X collapsed".
PROCEEDING_END_VERBS: frozenset[str] = WITHDRAWAL_VERBS | frozenset({
    "dismiss", "quash", "overturn", "annul", "collapse", "throw", "vacate", "reverse", "close",
})
# What someone "faces" when they are in the dock: "X faces charges", "X is facing trial", "X faces ten
# years" (lemmas; rule held.faces-charges).
FACED_PROCEEDING_NOUNS: frozenset[str] = frozenset({
    "charge", "trial", "retrial", "prosecution", "indictment", "sentence", "year", "term", "penalty",
    "execution", "count",
})
# "sentenced in absentia", "convicted in his absence": a penalty passed on someone out of custody (the
# objects of "in"; `hybrid_status.in_absentia`: such a jailing holds nobody).
ABSENTIA_WORDS: frozenset[str] = frozenset({"absentia", "absence"})
# Nouns of a penalty being served: "serving a ten-year sentence", "a prison term".
PENALTY_NOUNS: frozenset[str] = frozenset({"sentence", "term", "year", "month"})
# Objects of "serve" that make it a penalty served: "is serving a life sentence", "serving 15 years".
SERVED_PENALTY_NOUNS: frozenset[str] = frozenset({"sentence", "term", "year", "month", "life", "time", "stint", "decade"})
# Verbs whose subject is in a place of detention without being held there (works, visits, goes in
# or out, or is moved): "X works in a prison", "X visited him in jail", "X walked out of jail".
NOT_CUSTODY_VERBS: frozenset[str] = frozenset({
    "work", "visit", "teach", "preach", "volunteer", "guard", "run", "manage", "direct", "inspect", "tour",
    "enter", "leave", "walk", "exit", "emerge", "come", "go", "step", "arrive", "return", "escape", "flee",
    "put", "place", "send", "throw", "take", "transfer", "move", "lock", "end", "die", "meet", "see",
})
# Places of detention a person is in (a camp may be a refugee camp: not one of them).
CUSTODY_PLACE_WORDS: frozenset[str] = frozenset({
    "prison", "jail", "gaol", "detention", "custody", "captivity", "cell", "colony", "penitentiary", "bars",
    "bar", "confinement", "lockup", "dungeon", "solitary",
})
# Words that make "hold"/"keep" no custody: "holds X responsible", "keeps X informed", "holds X dear".
NOT_CUSTODY_HOLD_WORDS: frozenset[str] = frozenset({
    "responsible", "accountable", "liable", "culpable", "dear", "informed", "posted", "office", "post", "title",
    "record", "view", "belief",
})
# Verbs of refusing someone a way out of custody: "was refused bail", "denied parole", "refused a pardon".
REFUSAL_VERBS: frozenset[str] = frozenset({"refuse", "deny", "reject", "decline"})
# Verbs of leaving someone out of a release ("was excluded from the amnesty"); "left out" is phrasal.
EXCLUSION_VERBS: frozenset[str] = frozenset({"exclude", "omit", "exempt", "bar", "drop", "strike"})
# The rest of the class of being left out of a release (rule excluded): "X falls outside the pardon", "X does
# not qualify for the amnesty", "X is not eligible (is ineligible) for a pardon". (Lemmas.)
FALL_VERBS: frozenset[str] = frozenset({"fall", "lie", "remain", "stay", "be"})
OUTSIDE_PREPOSITIONS: frozenset[str] = frozenset({"outside", "beyond"})
QUALIFY_VERBS: frozenset[str] = frozenset({"qualify", "benefit"})
ELIGIBLE_WORDS: frozenset[str] = frozenset({"eligible", "entitled"})
INELIGIBLE_WORDS: frozenset[str] = frozenset({"ineligible"})
# What a release is granted by, besides its own nouns: "falls outside the decree", "not covered by the deal".
RELEASE_INSTRUMENT_NOUNS: frozenset[str] = frozenset({"decree", "deal", "agreement"})
# "The amnesty does not apply (extend) to X". (Lemmas.)
APPLY_VERBS: frozenset[str] = frozenset({"apply", "extend"})
# Nouns of the state of being held: "his detention", "years in captivity".
DETENTION_STATE_NOUNS: frozenset[str] = frozenset({
    "detention", "imprisonment", "incarceration", "captivity", "custody", "arrest", "jailing", "internment",
    "confinement", "abduction", "kidnapping",
})
# Modifiers that say a detention goes on: "his continued detention", "ongoing imprisonment". (Surface words, not lemmas.)
ONGOING_WORDS: frozenset[str] = frozenset({"continued", "continuing", "ongoing", "prolonged", "indefinite", "current", "arbitrary",
                                          "persistent", "protracted", "open-ended", "endless"})
# Modal verbs that make a release not (yet) done: "X will be freed", "X could be released". (Surface words, not lemmas.)
MODAL_VERBS: frozenset[str] = frozenset({"will", "would", "could", "may", "might", "should", "can"})

# ---------------------------------------------------------------- people and roles

# Titles dropped from the front of a name ("President X" -> "X"); lower case, dots removed.
TITLES: frozenset[str] = frozenset({
    "president", "vice", "prime", "minister", "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor",
    "sir", "dame", "lord", "lady", "gen", "general", "col", "colonel", "capt", "captain", "lt",
    "lieutenant", "sgt", "sergeant", "maj", "major", "sen", "senator", "rep", "representative", "gov",
    "governor", "mayor", "king", "queen", "prince", "princess", "sheikh", "sheik", "emir", "ayatollah",
    "pope", "father", "rev", "reverend", "judge", "justice", "ambassador", "secretary", "chancellor",
    "premier", "chairman", "chairwoman", "comrade", "saint", "st", "mme", "hon", "imam", "rabbi",
    "cardinal", "archbishop", "bishop", "monsignor", "msgr", "nuncio", "daw", "u", "ko", "brigadier", "assistant", "senior", "fr", "sr", "br", "mp", "mep", "pastor", "sultan", "crown", "supreme", "leader", "envoy",
    "special", "foreign", "defence", "defense", "interior", "deputy", "acting", "former",
    "ex", "late", "opposition", "activist", "journalist", "spokesman", "spokeswoman", "spokesperson",
    "commissioner", "director", "chief", "head", "officer", "admiral", "marshal", "mullah", "cleric",
    "dissident", "blogger", "lawyer", "attorney", "laureate", "citizen", "national", "prisoner",
    "detainee", "hostage", "analyst", "reporter", "correspondent", "editor", "of", "state", "the",
    "marine", "magistrate",
})
# Styles and ranks of office that are also words of names ("Sheikh", "Prince", "Marshal", "Shah"):
# official roles, but not role nouns that end a name (left out of `PERSON_ROLE_NOUNS`).
_OFFICE_STYLES: frozenset[str] = frozenset({
    "amir", "sheikh", "sheik", "prince", "regent", "viceroy", "shah", "colonel", "brigadier", "admiral",
    "marshal", "taoiseach",
})
# Role nouns of people who speak or act for a party (status "official" when they speak or act).
OFFICIAL_ROLES: frozenset[str] = frozenset({
    "president", "vice-president", "prime minister", "premier", "minister", "secretary", "spokesman",
    "spokeswoman", "spokesperson", "spokespeople", "ambassador", "official", "chancellor", "king",
    "queen", "emir", "crown prince", "supreme leader", "ayatollah", "governor", "mayor", "senator",
    "congressman", "congresswoman", "lawmaker", "legislator", "mp", "commissioner", "prosecutor",
    "attorney general", "judge", "general", "commander", "chief", "adviser",
    "advisor", "aide", "diplomat", "consul", "press secretary", "foreign minister", "sultan", "monarch",
    "ruler", "leader", "chairman", "chairwoman", "speaker", "administrator", "ombudsman", "deputy",
    "undersecretary", "attaché", "attache", "envoy",
    "cabinet", "state secretary", "foreign secretary", "home secretary", "chief of staff",
    # the rest of the class: heads of state and their styles, the judiciary, diplomats, the military,
    # local government, and "his counterpart" (an office-holder's opposite number)
    "head of state", "head of government", "magistrate", "procurator", "nuncio", "chargé", "under-secretary",
    "ombudsperson", "prefect", "commandant", "counterpart", "press officer",
}) | _OFFICE_STYLES
# Verbs of a relative clause that give the person a post (lemma -> the post word it stands for, or
# "" when the governed words carry it, and the prepositions whose objects it governs): "who speaks
# for the ministry" is its spokesman, "who heads the army" its head, "who serves as minister" a
# minister, "who has ruled the country" its ruler.
CLAUSE_POST_VERBS: dict[str, tuple[str, frozenset[str]]] = {
    "speak": ("spokesman", frozenset({"for"})),
    "head": ("head", frozenset()), "lead": ("head", frozenset()), "run": ("head", frozenset()),
    "chair": ("chair", frozenset()), "direct": ("director", frozenset()), "command": ("commander", frozenset()),
    "govern": ("ruler", frozenset()), "rule": ("ruler", frozenset()),
    "serve": ("", frozenset({"as"})), "act": ("", frozenset({"as"})), "work": ("officer", frozenset({"for", "in", "at"})),
    "be": ("", frozenset()),
}
# A post in an official body makes an official (rule role.post-in-official-body): one of these
# nouns of a post together with a body of the state in the same description ("head of the legal
# department of the presidential administration", "a member of the Presidential Pardon Committee").
POST_NOUNS: frozenset[str] = frozenset({
    "head", "member", "director", "chief", "chair", "deputy", "assistant", "superintendent", "warden",
    "representative", "secretary", "officer", "spokesman", "spokeswoman", "spokesperson",
})
OFFICIAL_BODY_NOUNS: frozenset[str] = frozenset({
    "ministry", "department", "administration", "presidency", "presidential", "committee", "commission",
    "assembly", "parliament", "parliamentary", "government", "cabinet", "council", "court", "judiciary",
    "prosecution", "prosecutions", "delegation", "jail", "prison", "penitentiary", "police", "army",
    "embassy", "consulate", "directorate", "agency", "service", "office", "senate", "congress", "legislature",
})
# Bodies that are no state and rarely a party to a release: a political party, a church, the Red
# Cross, a rights group or a union of professionals. Their spokesman, secretary or member speaks
# for no party ("other", rule role.post-in-non-state-body), unless a state title comes with it.
NON_STATE_BODY_WORDS: frozenset[str] = frozenset({
    "party", "church", "archbishop", "archdiocese", "diocese", "bishop", "bishops", "icrc", "red cross",
    "red crescent", "ngo", "charity", "foundation", "federation", "association", "watchdog", "rights group",
    "rights organisation", "rights organization",
    # a family, an employer (a company, a newspaper, a broadcaster), a union, a campaign and the best
    # known rights and press-freedom bodies
    "family", "company", "firm", "corporation", "employer", "newspaper", "broadcaster", "syndicate",
    "trade union", "campaign", "amnesty international", "human rights watch", "reporters without borders",
    "committee to protect", "rsf", "cpj", "hrw", "ifj", "pen international", "university", "institute",
})
# Posts that take their kind from the body they serve (a party's secretary-general, a church's spokesman).
BODY_POSTS: frozenset[str] = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "secretary", "chief", "leader", "chairman",
    "chairwoman", "official", "adviser", "advisor", "aide", "deputy", "commissioner", "administrator",
    "general",  # "secretary general"
})
# Titles of members of a legislature: they speak for no party to a release (a commenting MP is
# "other"), unless another title makes them an official ("MP and foreign minister").
LEGISLATOR_ROLES: frozenset[str] = frozenset({
    "senator", "congressman", "congresswoman", "lawmaker", "legislator", "mp", "parliamentarian",
})
# Head-of-state and head-of-government titles (candidates for the releasing authority).
HEAD_OF_STATE_TITLES: frozenset[str] = frozenset({
    "president", "king", "queen", "emir", "supreme leader", "sultan", "monarch", "ruler", "leader",
    "prime minister", "premier", "chancellor", "crown prince", "head of state", "junta leader",
})
# Role nouns of envoys and go-betweens (status "negotiator").
NEGOTIATOR_ROLES: frozenset[str] = frozenset({
    "envoy", "mediator", "negotiator", "intermediary", "emissary", "go-between", "special representative",
    "special envoy", "hostage envoy", "peace envoy", "interlocutor", "broker", "facilitator",
})
# Verbs whose subject brokered the deal (status "negotiator").
NEGOTIATION_VERBS: frozenset[str] = frozenset({
    "broker", "mediate", "negotiate", "facilitate", "secure", "arrange", "engineer", "orchestrate",
    "intercede", "intervene", "lobby",
})
# Relatives: someone described by these nouns is "other" unless a release cue governs them.
RELATIVE_NOUNS: frozenset[str] = frozenset({
    "wife", "husband", "spouse", "mother", "father", "son", "daughter", "sister", "brother", "sibling",
    "parent", "child", "family", "relative", "cousin", "uncle", "aunt", "niece", "nephew", "fiancee",
    "fiancée", "fiance", "fiancé", "partner", "grandmother", "grandfather", "grandson", "granddaughter",
    "widow", "widower", "mom", "mum", "dad", "stepmother", "stepfather", "in-law", "girlfriend",
    "boyfriend", "twin",
})
# Roles of people who are usually quoted or mentioned rather than acting for a party.
_OTHER_ROLES: frozenset[str] = frozenset({
    "activist", "campaigner", "defender", "journalist", "reporter", "correspondent", "analyst", "expert",
    "lawyer", "attorney", "researcher", "advocate", "friend", "colleague", "professor", "scholar",
    "historian", "writer", "author", "blogger", "opposition", "dissident", "candidate", "founder",
    "economist", "commentator", "observer", "witness", "neighbour", "neighbor", "supporter", "laureate",
    "editor", "photographer", "academic", "monitor", "volunteer",
})
# Occupations and callings as an English speaker knows the class (the sciences, the arts, trades,
# the professions, faith, sport, study): "the anthropologist X", "X, a geologist". Words that are
# also common surnames ("baker", "smith", "miller", "turner", "cook", "mason") are left out, so a
# name opening with one is never cut. (Lemmas, lower case.)
_OCCUPATION_NOUNS: frozenset[str] = frozenset({
    "anthropologist", "archaeologist", "sociologist", "biologist", "ecologist", "geologist", "psychologist",
    "linguist", "scientist", "physicist", "chemist", "mathematician", "astronomer", "geographer",
    "demographer", "ethnographer", "philosopher", "theologian", "sinologist", "orientalist", "arabist",
    "islamologist", "political scientist", "lecturer", "academic", "researcher", "scholar",
    "physician", "surgeon", "dentist", "pharmacist", "psychiatrist", "therapist", "paramedic", "midwife",
    "veterinarian", "epidemiologist", "virologist", "pediatrician", "paediatrician", "oncologist",
    "cardiologist", "architect", "designer", "programmer", "technician", "mechanic",
    "electrician", "plumber", "builder", "labourer", "laborer", "miner", "driver", "chauffeur",
    "trucker", "farmer", "herder", "tailor", "cleaner", "housekeeper", "nanny", "maid",
    "waiter", "waitress", "chef", "shopkeeper", "trader", "merchant", "vendor", "accountant", "auditor",
    "consultant", "contractor", "investor", "financier", "tycoon", "magnate", "billionaire",
    "millionaire", "industrialist", "landowner", "clerk", "secretary", "translator", "interpreter",
    "librarian", "archivist", "curator", "photojournalist", "videographer", "cameraman", "camerawoman",
    "presenter", "columnist", "essayist", "satirist",
    "humorist", "sculptor", "illustrator", "photographer", "composer", "conductor",
    "pianist", "violinist", "guitarist", "drummer", "dancer", "choreographer", "screenwriter",
    "documentarian", "documentary maker", "film-maker", "writer", "lyricist", "songwriter",
    "monk", "nun", "cleric", "imam", "rabbi", "bishop", "archbishop", "cardinal", "missionary",
    "preacher", "evangelist", "theology student", "seminarian", "deacon", "vicar", "chaplain",
    "coach", "trainer", "boxer", "wrestler", "swimmer", "runner", "cyclist", "climber", "mountaineer",
    "chess player", "goalkeeper", "striker", "sportsman", "sportswoman", "referee", "jockey",
    "pupil", "schoolboy", "schoolgirl", "undergraduate", "graduate", "postgraduate", "doctoral student",
    "trade unionist", "unionist", "environmentalist", "feminist", "human rights defender", "lobbyist",
    "blogger", "vlogger", "influencer", "youtuber", "podcaster", "hacker", "whistleblower",
    "employee", "staffer", "caretaker", "bodyguard", "firefighter", "policeman",
    "policewoman", "detective", "investigator", "inspector", "judge", "magistrate", "notary",
    "solicitor", "barrister", "jurist", "paralegal", "economist", "banker", "broker", "shipowner",
    "captain", "crewman", "crew member", "seafarer", "deckhand", "mariner", "aviator", "astronaut",
    "explorer", "adventurer", "traveller", "traveler", "backpacker", "hiker", "volunteer", "nurse",
})
# Nouns that make an appositive or a preceding noun phrase describe a person ("X, a journalist").
PERSON_ROLE_NOUNS: frozenset[str] = (
    (OFFICIAL_ROLES - _OFFICE_STYLES) | NEGOTIATOR_ROLES | RELATIVE_NOUNS | _OTHER_ROLES | _OCCUPATION_NOUNS
    | frozenset({
        "prisoner", "detainee", "hostage", "captive", "inmate", "figure", "member", "citizen", "national",
        "resident", "student", "teacher", "priest", "pastor", "businessman", "businesswoman", "banker",
        "artist", "musician", "poet", "athlete", "player", "doctor", "nurse", "worker", "soldier",
        "veteran", "officer", "man", "woman", "singer", "filmmaker", "director", "manager",
        "executive", "entrepreneur", "engineer", "pilot", "sailor", "fisherman", "tourist", "aid worker",
        "humanitarian", "organiser", "organizer", "winner", "recipient", "co-laureate", "politician",
        "lawmaker", "mp", "deputy", "protester", "protestor", "leader", "spokesman", "spokeswoman",
        "rapper", "actor", "actress", "comedian", "cartoonist", "novelist", "playwright", "footballer",
    })
)
# Words that never belong in a person's name: web-page furniture and common nouns the NER
# model sometimes tags as PERSON in headers and footers.
BOILERPLATE_WORDS: frozenset[str] = frozenset({
    "logo", "app", "store", "download", "subscribe", "newsletter", "advertisement", "share", "click",
    "login", "log", "sign", "copyright", "cookie", "cookies", "menu", "home", "video", "photo", "image",
    "images", "getty", "read", "more", "follow", "comment", "comments", "print", "email", "play", "watch",
    "listen", "podcast", "live", "update", "updates", "news", "breaking", "source", "sources", "translation",
    "editing", "reporting", "writing", "file", "caption", "credit", "twitter", "facebook", "telegram",
    "instagram", "whatsapp", "youtube", "tiktok", "linkedin", "google", "apple", "android", "ios", "font",
})
# Words that mark a capitalised span as an organisation, place or thing rather than a person.
NON_PERSON_WORDS: frozenset[str] = frozenset({
    "university", "ministry", "party", "council", "committee", "court", "agency", "service", "services",
    "association", "union", "centre", "center", "foundation", "institute", "office", "house", "army",
    "forces", "guard", "police", "bank", "company", "group", "network", "radio", "tv", "television",
    "times", "post", "press", "news", "prize", "award", "street", "square", "airport", "embassy", "prison",
    "camp", "colony", "region", "province", "republic", "kingdom", "state", "states", "city", "day",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "organisation", "organization", "movement", "front", "brigade", "corps", "department", "parliament",
    "assembly", "government", "administration", "media", "channel", "sanctions", "treaty",
    "accord", "deal", "agreement", "act", "law", "code", "article", "church", "mosque", "school",
    "hospital", "hotel", "palace", "kremlin", "white", "red", "cross", "crescent", "nations", "europe",
    "african", "european", "asian", "international", "national", "federal", "democratic", "people's",
    "prosecution", "judiciary", "directorate", "commission", "tribunal", "bureau", "authorities", "base",
    "oblast", "raion", "district", "county", "governorate", "voivodeship", "municipality", "checkpoint",
    "asia", "africa", "americas", "eurasia", "caucasus", "balkans", "pacific", "atlantic", "gulf",
    "frees", "freed", "releases", "released", "pardons", "pardoned", "jails", "jailed",
    "treasury", "headquarters", "secretariat", "wire", "gazette", "herald", "tribune", "journal", "online",
    "daily", "weekly", "monitor", "observer", "express", "telegraph", "chronicle",
    # institutions, systems and calendar names that the NER model reads as people
    "institution", "correctional", "penitentiary", "system", "amnesty", "year", "holiday", "festival",
    # broadcasters and islands; a headline's reporting verb glued to its subject ("X Says")
    "corporation", "broadcasting", "island", "islands", "says",
})
# Capitalised English function words of a title-case headline ("Frees Activist Ahead Of Time"):
# never a word of a person's name (name particles such as "de", "al", "bin" are another list).
HEADLINE_FUNCTION_WORDS: frozenset[str] = frozenset({
    "of", "the", "for", "with", "from", "into", "over", "after", "ahead", "against", "amid", "than", "about",
})
# Nouns that introduce an organisation, never a person: "rights group X", "X, a charity".
ORGANISATION_NOUNS: frozenset[str] = frozenset({
    "group", "organisation", "organization", "agency", "party", "movement", "committee", "ngo", "charity",
    "channel", "network", "outlet", "newspaper", "broadcaster", "website", "union", "association", "company",
    "firm", "bank", "ministry", "council", "foundation", "institute", "centre", "center", "watchdog", "site",
    "coalition", "alliance", "militia", "faction", "magazine", "daily", "station", "platform", "body",
    "trawler", "ship", "vessel", "boat", "tanker", "freighter", "yacht", "ferry",
    "brand", "label", "chain", "retailer", "manufacturer", "publisher", "publication", "airline", "corporation",
    "conglomerate", "business", "startup", "university", "college", "school", "club", "church",
})
# Lower-case particles that may sit inside a name ("Ali bin Hassan", "Juan de la Cruz").
NAME_PARTICLES: frozenset[str] = frozenset({
    "bin", "ibn", "bint", "al", "el", "de", "da", "di", "del", "della", "der", "den", "van", "von", "la",
    "le", "du", "dos", "das", "abu", "ben", "y", "ter", "ten", "zu",
})
# Particles that join two parts of one name ("Fatima bint Saeed", "Jan van der Berg"): a name is
# widened over them when a proper noun follows. ("le", "la" are left out: also French articles.)
NAME_JOINERS: frozenset[str] = frozenset({
    "bin", "ibn", "bint", "binti", "abu", "al", "el", "de", "da", "di", "del", "della", "der", "den",
    "van", "von", "dos", "das", "du", "ter", "ten", "zu", "y",
})
# Patronymic words that end a Central Asian or Turkic name: "X Y uulu" (son of), "X Y kyzy"
# (daughter of), Azerbaijani "oglu"/"qizi", Uzbek "ugli", Kazakh "uly".
PATRONYMIC_SUFFIXES: frozenset[str] = frozenset({
    "uulu", "kyzy", "kyzi", "oglu", "ogly", "ogli", "oğlu", "qizi", "kizi", "ugli", "o'g'li", "uly", "qyzy",
})
# First words of a credit line whose "by" introduces a person: "Reporting by X; Editing by Y".
BYLINE_WORDS: frozenset[str] = frozenset({
    "reporting", "additional", "writing", "written", "editing", "edited", "translation", "translated",
    "compiled", "photo", "photos", "photograph", "photography", "video", "interview", "story", "text",
    "by", "research", "graphics", "produced", "contributing",
})
# Nouns of a decision someone takes: a titled person whose order is reported acts for a party.
AGENCY_NOUNS: frozenset[str] = frozenset({
    "instruction", "order", "decision", "decree", "directive", "initiative", "request", "approval",
    "command", "mandate", "invitation", "proposal", "offer", "pardon", "signature", "announcement",
})
# Nouns for someone's staff: "X's office said" makes X a party that speaks (official).
REPRESENTATIVE_NOUNS: frozenset[str] = frozenset({
    "office", "spokesman", "spokeswoman", "spokesperson", "government", "administration", "ministry",
    "cabinet", "aide", "adviser", "advisor", "team", "press", "secretary", "representative", "lawyer",
})
# Sentence openers and markers after which coordinated names are members of the freed group.
LIST_OPENERS: tuple[str, ...] = (
    "also released were", "also freed were", "also pardoned were", "released were", "freed were",
    "pardoned were", "among the freed were", "among the released were", "among them were", "among them",
    "among those freed", "among those released", "among those pardoned", "including", "such as",
    "as well as", "those freed include", "those released include", "those freed included",
    "those released included", "the freed include", "the released include",
    # the singular inversion: "Also freed was X, a teacher ..."
    "also released was", "also freed was", "also pardoned was", "also released is", "also freed is",
)
# Verbs of speaking: a quoted person is "official" with an official role, else "other".
SPEECH_VERBS: frozenset[str] = frozenset({
    "say", "tell", "state", "announce", "confirm", "add", "note", "write", "post", "tweet", "declare",
    "claim", "insist", "warn", "deny", "describe", "explain", "urge", "call", "praise", "welcome",
    "thank", "acknowledge", "stress", "report", "comment", "express", "reiterate", "vow", "pledge",
    "promise", "argue", "suggest", "respond", "reply", "recall", "emphasise", "emphasize", "underline",
    "hail", "condemn", "criticise", "criticize", "speak", "address", "signal", "ask", "demand",
    "assert", "admit", "dismiss", "reject", "question", "estimate", "cite", "brief", "inform",
})
# Citizenship nouns: "two Dutch citizens", "nationals of Chile" give nationalities released.
CITIZEN_NOUNS: frozenset[str] = frozenset({
    "citizen", "national", "passport", "dual", "holder", "resident", "subject",
})
# Words after a title that are not part of a name: "Minister of State X", "former President X". (Surface words, not lemmas.)
NOT_HONORIFIC_WORDS: frozenset[str] = frozenset({"of", "the", "state", "former", "ex", "late", "acting", "foreign", "special", "vice"})
# Words of an office's name glued before a name: "Commissioner for Human Rights X Y". (Surface words, not lemmas.)
OFFICE_NAME_WORDS: frozenset[str] = frozenset({"for", "human", "rights", "of", "affairs"})
# Nouns that make a capitalised name a place, outlet or thing, not a person: "the X prison", "X newspaper".
NOT_PERSON_NOUNS: frozenset[str] = frozenset({
    "city", "town", "village", "region", "district", "province", "county", "area", "suburb", "port",
    "river", "border", "crossing", "checkpoint", "island", "capital", "neighbourhood", "neighborhood",
    "outlet", "newspaper", "site", "website", "channel", "station", "agency", "company", "firm", "plant",
    "vessel", "ship", "trawler", "boat", "prison", "colony", "camp", "jail", "facility", "law", "programme",
    "program", "operation", "deal", "case", "brand", "app", "platform", "magazine", "weekly", "daily",
})
# Verbs only a person does, so their subject is a person: "X smiled", "X hugged his wife".
HUMAN_VERBS: frozenset[str] = frozenset({"pardon", "tell", "say", "walk", "smile", "hug", "embrace", "weep", "cry", "speak", "thank"})
# Foreign articles that open a place or a title, not a name: "El Penal", "Die Welt". (Surface words, not lemmas.)
FOREIGN_ARTICLES: frozenset[str] = frozenset({"el", "la", "los", "las", "die", "der"})  # "El Penal", "Die Welt": a place or a title
# Nouns of people who write the article, not its subject: "reporter X", "X, a correspondent".
WRITER_NOUNS: frozenset[str] = frozenset({"reporter", "correspondent", "journalist", "editor", "writer", "columnist", "contributor"})
# Endings of role nouns that are not names: "activist", "journalists".
ROLE_SUFFIXES: tuple[str, ...] = ("ist", "ists")
# Words of a photo or agency credit, not a person: "Photo: Reuters", "AFP / Handout". (Surface words, not lemmas.)
CREDIT_WORDS: frozenset[str] = frozenset({"photo", "photos", "image", "images", "reuters", "afp", "ap", "epa", "getty", "press",
                                          "news", "agency", "tv", "staff", "file", "handout", "newsroom"})
# Bodies a leader heads: "X's government", "the government of X", "the X administration" name X,
# a person (rule name.leader-of-body), never a place or an organisation. (Lemmas.)
LEADER_BODY_NOUNS: frozenset[str] = frozenset({
    "government", "administration", "regime", "cabinet", "party", "presidency", "rule", "junta", "coalition",
})
# Of these, the ones named after their leader as a bare modifier: "the X administration" (a
# person), where "the X party", "X juntas" name a party or a region.
LEADER_NAMED_BODY_NOUNS: frozenset[str] = frozenset({"government", "administration", "regime", "cabinet", "presidency"})
# Words that veto a name elsewhere but are also surnames: "Aidan White", "Theresa May". They are
# kept as a name's last word when the NER model tagged the whole span as a person. (Lower case.)
SURNAME_LIKE_WORDS: frozenset[str] = frozenset({
    "white", "may", "day", "march", "august", "cross", "law", "church", "post", "house",
})
# Nouns of a place or an institution, not a person: "the X prison", "X crossing", "the X factory".
PLACE_NOUNS: frozenset[str] = NON_PERSON_WORDS | DETENTION_WORDS | {
    "facility", "base", "centre", "neighbourhood", "district", "crossing", "border", "plant", "factory",
}

# ---------------------------------------------------------------- person status and roles (hybrid_status, hybrid_people)

# Words a list member hangs from: "freed 40 people, including X", "among them X", "several
# Ruritanian detainees, including X" (the group's demonym then applies to X).
LIST_PREPOSITIONS: frozenset[str] = frozenset({
    "including", "among", "like", "as", "include", "includes", "included", "amongst",
})
# Verbs of holding someone: "X is held", "X is still jailed" (present: still detained).
DETENTION_VERBS: frozenset[str] = frozenset({"hold", "detain", "jail", "imprison", "keep", "incarcerate"})
# Words that open a phrase of a release just done to the clause's subject: "after being freed".
AFTER_RELEASE_MARKERS: frozenset[str] = frozenset({"after", "upon", "on", "following"})
# Verbs whose subject goes free by them: "X walked free", "X regained her freedom".
SELF_RELEASE_VERBS: frozenset[str] = frozenset({"walk", "go", "leave", "come", "emerge", "step"}) | FREEDOM_GAIN_VERBS
# Nouns of talks: "talks with X", "X led the negotiations", "took part in the talks".
TALK_NOUNS: frozenset[str] = frozenset({
    "talk", "negotiation", "meeting", "dialogue", "contact", "discussion", "summit",
})
# Nouns of a contact between two parties, short of talks: "in a phone call with minister X". (Lemmas.)
CONTACT_NOUNS: frozenset[str] = frozenset({"call", "conversation", "phone", "telephone", "videoconference", "visit", "letter"})
# Verbs of thanking or crediting someone: the one thanked had a part in the event ("thanked President X
# for ..."), official by role. (Lemmas.)
THANKS_VERBS: frozenset[str] = frozenset({
    "thank", "credit", "praise", "commend", "salute", "hail", "applaud", "laud", "acknowledge",
})
# Verbs of leading talks or a delegation: "X, who led the talks", "talks headed by X".
LEAD_VERBS: frozenset[str] = frozenset({
    "lead", "oversee", "head", "conduct", "chair", "coordinate", "steer", "spearhead",
})
# Heads of a part of a group: "both of them, X and Y", "some of those freed".
PARTITIVE_HEADS: frozenset[str] = frozenset({"both", "all", "some", "several", "many", "most", "few"})
# Nouns of a part of a group, read through "of" to the group: "one of the freed prisoners is X",
# "the rest of the group of freed priests is X" (a figure counts too).
PART_OF_GROUP_NOUNS: frozenset[str] = PARTITIVE_HEADS | {
    "one", "rest", "remainder", "group", "last", "first", "other", "others", "majority", "half", "list", "number",
}
# Nouns of the sides of a deal: "X met both sides" (a go-between).
SIDE_NOUNS: frozenset[str] = frozenset({"side", "party", "camp"})
# Verbs of taking someone captive: "captured and taken to X" moves a captive, it frees no one.
CAPTURE_VERBS: frozenset[str] = frozenset({
    "capture", "arrest", "seize", "abduct", "kidnap", "detain", "snatch", "apprehend",
})
# Verbs whose subject grants a release noun: "X grants pardons", "X authorised the release".
GRANT_VERBS: frozenset[str] = frozenset({"grant", "consent", "authorise", "authorize", "endorse", "decree"})
# Verbs of deciding a release: "an amnesty signed by X", "the release was ordered by X".
DECIDE_VERBS: frozenset[str] = frozenset({
    "sign", "order", "decree", "grant", "approve", "issue", "authorise", "authorize",
})
# Nouns of an order that causes a release: "freed by decree of X", "on the orders of X".
ORDER_NOUNS: frozenset[str] = frozenset({"decree", "order", "instruction", "directive", "command", "pardon"})
# Verbs by which a named person frees, orders or grants a release (the whole class: acts of
# clemency, of command and of sign-off): "after X pardoned him", "a decree signed by X", "days after
# X granted him a pardon", "X sanctioned the release" (rule authority.granter-of-the-release).
GRANTER_VERBS: frozenset[str] = frozenset({
    "pardon", "commute", "amnesty", "free", "release", "order", "decree", "grant", "sign", "approve", "authorise",
    "authorize", "sanction", "ratify", "issue", "endorse", "instruct", "direct", "command",
})
# Acts that free by a person's word: "following a pardon by X", "on the orders of X", "an amnesty from X".
GRANTED_ACT_NOUNS: frozenset[str] = ORDER_NOUNS | {"amnesty", "clemency", "commutation"}
# Bodies a person heads: "the government of President X", "X's administration".
BODY_NOUNS: frozenset[str] = frozenset({"government", "administration", "regime", "cabinet"})
# Nouns for people held (not freed): "the other hostages are X", "the remaining prisoners are Y".
HELD_NOUNS: frozenset[str] = frozenset({"hostage", "prisoner", "detainee", "captive", "inmate"})
# Verbs of a jailing told in the past: "X, who had been sentenced to 11 years".
HISTORY_VERBS: frozenset[str] = frozenset({
    "sentence", "convict", "jail", "imprison", "detain", "arrest", "hold", "serve", "spend", "charge", "be",
    "seize", "kidnap", "abduct", "capture",
})
# Words between the members of a list of names: "A, B and C", "were A, B, as well as C".
LIST_SEPARATORS: frozenset[str] = frozenset({
    ",", "and", "were", "are", "was", "is", ":", ";", "including", "like", "them", "as", "plus",
})
# Nouns of a punishment whose end frees its owner: "the president commuted X's sentence".
SENTENCE_NOUNS: frozenset[str] = frozenset({"sentence", "term", "conviction", "punishment"})
# Nouns of a header above a list of names: "The list includes:", "The names:".
LIST_NOUNS: frozenset[str] = frozenset({"list", "name"})
# Participles that say a person is held: "jailed tycoon X", "the activists still detained".
DETAINED_MODIFIERS: frozenset[str] = frozenset({
    "jailed", "imprisoned", "detained", "incarcerated", "captive", "kidnapped", "abducted", "held",
})
# Nouns of a citizenship held: "X, who holds Irish citizenship", "has two passports".
CITIZENSHIP_NOUNS: frozenset[str] = frozenset({"citizenship", "nationality", "passport", "passports"})
# Seats of government that stand for their country: "White House envoy" -> United States.
GOVERNMENT_SEATS: dict[str, str] = {
    "white house": "United States", "state department": "United States", "kremlin": "Russia",
}
# Words that introduce another name of the same person: "X, alias Y", "X, nicknamed Y". (Surface words, not lemmas.)
ALIAS_WORDS: frozenset[str] = frozenset({"alias", "aka", "a.k.a", "a.k.a.", "dubbed", "nicknamed"})
# Phrases that introduce a person's real name: "X, whose real name is Y".
REAL_NAME_PHRASES: tuple[str, ...] = ("whose real name is", "whose full name is", "born as")
# Nouns for a person's name itself: "his Chinese name, Y", "her pen name is Y". A name in apposition
# to one is that person's other name, never a description of a role or nationality. (Lemmas.)
NAME_NOUNS: frozenset[str] = frozenset({"name", "alias", "nickname", "pseudonym", "spelling", "surname", "moniker"})
# Modifiers of "name" that make it the person's own name, not an alias: "X's real name is Y".
REAL_NAME_WORDS: frozenset[str] = frozenset({"real", "full", "legal", "birth", "given", "true", "original", "official"})

# ---------------------------------------------------------------- event scalars

# Phrases that introduce what the releasing side received.
EXCHANGE_PHRASES: tuple[str, ...] = (
    "in exchange for", "in return for", "in a swap for", "traded for", "swapped for", "exchanged for",
    "as part of a deal", "as part of the deal", "as part of an agreement", "as part of the agreement",
    "in a deal that", "linked to", "tied to", "conditional on", "in response to",
)
# Phrases that name a mediator country or organisation after them.
MEDIATION_PHRASES: tuple[str, ...] = (
    "mediated by", "brokered by", "facilitated by", "with the help of", "with the assistance of",
    "with the mediation of", "through the mediation of", "thanks to the mediation of", "mediation of",
    "mediation by", "good offices of", "help from", "assistance from", "negotiated by", "arranged by",
    "with the support of", "thanks to", "efforts of", "under the auspices of", "hosted by",
    "mediation from", "facilitated with", "facilitation of", "facilitation by", "intervention of", "intervention by",
    "efforts by", "good offices from",
)
# Nouns that, compounded with a country ("US-facilitated", "Qatari-brokered"), make it a mediator.
MEDIATION_NOUNS: frozenset[str] = frozenset({
    "mediate", "mediated", "brokered", "facilitated", "sponsored", "backed", "led", "mediation",
    "negotiated", "arranged",
})
# Of those, participles of support or leadership: compounded with a country they tell a mediator only on a
# deal or talks noun ("a US-backed deal"); on anything else they tell allegiance ("Iran-backed rebels",
# "a Saudi-led coalition").
SUPPORT_PARTICIPLES: frozenset[str] = frozenset({"backed", "led", "driven", "sponsored", "supported", "funded"})
# Time phrases on a release verb that make it an earlier release, not this one ("freed last year").
EARLIER_RELEASE_PHRASES: tuple[str, ...] = (
    "last year", "last month", "years ago", "months ago", "a year ago", "previously", "in a previous",
    "in an earlier", "in a separate", "in a prior", "the year before", "in the past", "last spring",
    "last summer", "last autumn", "last fall", "last winter", "last summer's", "last spring's", "earlier this year",
    "a similar transfer", "a previous round", "an earlier round",
    # a release dated "last <month>" is an earlier event than the one reported
    "last january", "last february", "last march", "last april", "last may", "last june", "last july",
    "last august", "last september", "last october", "last november", "last december",
    "in that exchange", "in that swap", "in that deal", "under that deal",
)
# Phrases that put a release in the past or in another round: counts there are not this event's.
PAST_ROUND_PHRASES: tuple[str, ...] = (
    "earlier", "previous", "previously", "last year", "last month", "prior", "a year ago", "in the past",
    "first round", "second round", "earlier round", "earlier rounds", "before that", "a further",
    "so far this year", "had freed", "had released", "had pardoned", "has freed before",
    "follows a", "followed a", "followed by", "came after a", "comes after a", "weeks after a", "months after a",
    "in that exchange", "in that swap", "in that deal", "under that deal",
)
# Comparatives of timing: "freed several hours earlier than planned" tells when this release came,
# not an earlier round (removed before PAST_ROUND_PHRASES are looked for).
SCHEDULE_COMPARATIVES: tuple[str, ...] = ("earlier than", "sooner than")

# Words that make a time phrase the edge of a stretch of time, not the day of one event ("held since
# 2 March", "until May", "between Monday and Friday"; hybrid_event, rule date.not-a-span-boundary); "from"
# bounds a span only with "to"/"until" after the phrase (SPAN_CLOSERS).
SPAN_BOUNDARY_WORDS: frozenset[str] = frozenset({"since", "until", "till", "between"})
SPAN_CLOSERS: frozenset[str] = frozenset({"to", "until", "till"})

# A court that frees or orders a release ("the court ordered their release") and the title right
# before a judge's name ("Judge X", "Justice X", "presiding judge X"): the named judge of a court's
# release is its authority (hybrid_places, rule authority.judge-of-court).
COURT_NOUNS = frozenset({"court", "tribunal", "bench", "judge", "magistrate", "chamber"})
# Officers of a court and counsel in a case: in an article with no release they act in no release
# ("other", rule court-officer-no-release) and are not the detainee a ruling keeps in custody.
# Counsel nouns count only as someone's counsel ("his lawyer X", "a lawyer for X"): a "human
# rights lawyer" may be the one jailed.
COURT_OFFICER_NOUNS: frozenset[str] = frozenset({"judge", "magistrate", "prosecutor"})
COUNSEL_NOUNS: frozenset[str] = frozenset({"lawyer", "attorney", "barrister", "solicitor", "counsel"})
JUDGE_TITLES = frozenset({"judge", "justice", "magistrate"})
# Units a figure can count instead of people: "five years", "ten days", "40 percent".
TIME_NOUNS: frozenset[str] = frozenset({"year", "day", "month", "week", "hour", "minute", "decade", "time", "percent", "%"})
# Verbs by which people get a figure of something, not freedom: "granted 300 visas", "won 12 seats".
RECEIVED_FIGURE_VERBS: frozenset[str] = frozenset({"grant", "give", "receive", "win", "secure", "obtain"})
# Verbs of handing something to people: "granted bail to 20", "offered an amnesty to 100".
GIVING_VERBS: frozenset[str] = frozenset({"grant", "give", "extend", "offer", "award"})
# Words before a figure that make it a rounding: "some 300", "about 40", "an estimated 1,000".
ABOUT_PHRASES: tuple[str, ...] = ("about", "around", "some", "roughly", "approximately", "an estimated", "almost", "nearly")
# Words before a figure that make it a lower bound: "more than 300", "at least 40".
ABOVE_PHRASES: tuple[str, ...] = ("more than", "over", "at least", "upwards of", "in excess of")
# Words before a figure that make it an upper bound: "close to 14,000", "up to 50".
BELOW_PHRASES: tuple[str, ...] = ("close to", "nearly", "almost", "just under", "up to", "fewer than", "less than")
# Nouns of people held by the other side, whose return home is their release: "90 soldiers came home".
CAPTIVE_NOUNS: frozenset[str] = frozenset({"prisoner", "detainee", "captive", "hostage", "pow", "soldier", "serviceman", "servicemen",
                                           "fighter", "defender", "sailor", "fisherman"})
# Verbs that enact a pardon or amnesty for people: "declared an amnesty for 5,600 people".
ENACT_VERBS: frozenset[str] = frozenset({"announce", "declare", "grant", "decree", "sign", "approve", "issue", "order", "proclaim"})
# Nouns of a subgroup (an outlet's staff), never the country's count: "three staff members remain held".
STAFF_NOUNS: frozenset[str] = frozenset({"member", "staff", "colleague", "employee", "executive", "co-worker", "coworker"})
# Words that put a held person's description in the past: "former hostage X", "ex-prisoner Y".
PAST_ROLE_WORDS: frozenset[str] = frozenset({"former", "ex", "ex-", "onetime", "one-time", "erstwhile", "then", "late"})
# Nouns that name people held (a generic "people" or "citizens" does not): "40 prisoners".
HELD_PERSON_NOUNS: frozenset[str] = frozenset({"prisoner", "detainee", "inmate", "hostage", "captive", "convict", "pow"})
# Seasons that, like month names, date an event loosely: "arrested in spring", "freed last summer".
SEASON_WORDS: frozenset[str] = frozenset({"spring", "summer", "autumn", "fall", "winter"})

# ---------------------------------------------------------------- event-level judgement

# Cue words of the event-level rules (`hybrid_event.EVENT_RULES`), by rule id. Each rule reads the
# headline and lead only; a rule of kind "no_release" or "announced" decides the article when the
# headline and lead tell of no release that has happened. Entries are lower-case words (a trailing
# "*" matches any ending); the rule table says how the groups combine.
EVENT_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    # "a court extended his detention by 45 days", "pre-trial detention was renewed"
    "detention-extended": {
        "verbs": ("extend*", "prolong*", "renew*", "lengthen*"),
        "objects": ("detention", "custody", "remand"),
    },
    # "Ruritania keeps journalist in custody", "the court ordered him kept behind bars"
    "kept-in-custody": {
        "verbs": ("keep", "keeps", "kept", "stays", "stay", "remains", "remain"),
        "objects": ("in custody", "in detention", "in jail", "in prison", "behind bars"),
    },
    # "his appeal was rejected", "the court turned down the appeal", "appeal against sentence fails"
    "appeal-rejected": {
        "verbs": ("reject*", "dismiss*", "fail", "fails", "failed", "thrown out", "throws out", "threw out",
                  "turn* down", "upheld", "uphold*", "refus*", "denied", "denies", "deny"),
        "objects": ("appeal", "appeals", "sentence", "conviction", "release request", "bail request", "request for release"),
    },
    # "photographer denied bail once again", "bail has been refused to the journalist"
    "bail-refused": {
        "verbs": ("denied", "denies", "deny", "refus*", "reject*", "dismiss*", "turn* down", "turned down"),
        "objects": ("bail",),
    },
    # "Warsaw denies Minsk offered to free the journalist": an offer denied frees nobody
    "offer-denied": {
        "verbs": ("denied", "denies", "deny", "reject*", "dismiss*"),
        "objects": ("offered to free", "offered to release", "offer to free", "offer to release", "offered to hand",
                    "offered to pardon"),
    },
    # "court jails critic for five years", "activist sentenced to ten years"
    "sentenced": {
        "verbs": ("jail", "jails", "jailed", "sentence", "sentences", "sentenced", "imprison*", "convict*"),
        "objects": ("year", "years", "month", "months", "life", "prison term", "jail term", "death"),
    },
    # "a release granted on Sunday was overturned"
    "release-cancelled": {
        "verbs": ("overturn*", "cancel*", "revok*", "revers*", "annul*", "block*", "suspend*", "halt*"),
        "objects": ("release", "pardon", "bail"),
    },
    # "on day 100 of her hunger strike"
    "hunger-strike": {
        "verbs": ("hunger strike", "hunger-strike", "hunger striker", "hunger strikers"),
        "objects": (),
    },
    # "rights groups called for the release of X", "a campaign for his freedom"
    "demanded": {
        "verbs": ("call*", "urg*", "demand*", "campaign*", "appeal* for", "pressing for", "pressed for", "push* for",
                  "plead*", "lobby*", "battl*", "fight*"),
        "objects": ("release", "freedom", "to free", "to release"),
    },
    # "Ruritania will free 300 prisoners", "X is to be released", "plans to pardon"
    "release-announced": {
        "verbs": ("will", "shall", "set to", "due to", "plans to", "plan to", "is to be", "are to be", "is to",
                  "are to", "will be", "expected to", "is expected to be", "are expected to be", "intends to"),
        "objects": ("free", "release", "pardon", "amnesty", "freed", "released", "pardoned", "let go",
                    "grant amnesty", "go free"),
    },
    # a headline "Ruritania to free 300 prisoners"
    "headline-to-release": {
        "verbs": ("to",),
        "objects": ("free", "release", "pardon", "amnesty", "let go"),
    },
}
# Verbs that tell a release noun as done: "received a pardon", "won her release", "release was ordered".
RELEASE_DONE_VERBS: frozenset[str] = frozenset({
    "receive", "win", "secure", "obtain", "grant", "order", "approve", "sign", "announce", "confirm", "welcome",
    "give", "get", "celebrate",
})
# Auxiliaries that put a release verb in the future: "will be freed", "said it would free".
FUTURE_MARKERS: frozenset[str] = frozenset({"will", "shall", "'ll", "wo", "would"})
# Verbs (lemmas) whose "to"-infinitive is a release still to come: "pledged to free", "is to be
# released", "plans to pardon" (but "decided to free" and "agreed to swap" tell what was done).
FUTURE_HEADS: frozenset[str] = frozenset({
    "be", "plan", "pledge", "promise", "expect", "intend", "hope", "want", "prepare", "aim", "vow", "threaten",
    "offer", "propose", "seek", "wish", "due", "set",
})
# Markers of a hypothetical release: "might be freed", "if X were released".
HYPOTHETICAL_MARKERS: frozenset[str] = frozenset({"might", "if", "unless", "whether"})
# Verbs of a ruling or decision under which a release told with "to be" or a modal is granted, so
# done: "ordered the suspects to be released", "ruled that the seven could be freed".
RULED_RELEASE_VERBS: frozenset[str] = frozenset({"order", "rule", "decide", "allow", "permit", "approve", "authorise", "authorize"})
# Verbs telling that an event happened: "the exchange happened at dawn" ("took place" is read too).
OCCUR_VERBS: frozenset[str] = frozenset({"happen", "occur"})
# Verbs of being or getting home: "the fishermen were home on Friday", "the crew returned home" (a
# done homecoming is a release told without a release word).
HOME_VERBS: frozenset[str] = frozenset({"be", "return", "arrive", "come", "get", "land", "fly", "reach"})
# Relative days the NER model often leaves untagged, and the parts of a day that make one with
# "this"/"last" ("this morning", "last night"): resolved against the dateline.
RELATIVE_DAY_WORDS: frozenset[str] = frozenset({"today", "yesterday", "tonight"})
PART_OF_DAY_WORDS: frozenset[str] = frozenset({"morning", "afternoon", "evening", "night"})
# Modals of obligation or possibility: a release that "must", "should", "could" or "may" happen has
# not happened ("the government must release him", "she could be freed within days").
MODAL_MARKERS: frozenset[str] = frozenset({"must", "should", "ought", "could", "may", "can", "ca"})
# Words of text addressed to whoever processes the page rather than to its readers: a sentence with
# one of these phrases is an embedded instruction, and what it claims is not a fact of the article.
INSTRUCTION_CUES: tuple[str, ...] = (
    "ignore previous", "ignore all previous", "ignore the above", "disregard previous", "disregard the above",
    "ignore prior", "previous instructions", "prior instructions", "system prompt", "language model",
    "ai model", "ai assistant", "as an ai", "assistant:", "note to ai", "note to the ai", "attention ai",
    "automated system", "any ai", "if you are an ai", "when summarizing", "when summarising",
    "when extracting", "extraction system", "you must report", "please report that", "you must list",
    "must be listed as", "list him as", "list her as", "list them as", "report him as", "report her as",
    "record him as", "record her as", "output json",
)
# Non-state captors: when they performed the release, no state freed anyone (releasing_country null).
NON_STATE_CAPTORS: frozenset[str] = frozenset({
    "kidnapper", "kidnappers", "abductor", "abductors", "captor", "captors", "gunman", "gunmen", "militant",
    "militants", "rebel", "rebels", "insurgent", "insurgents", "jihadist", "jihadists", "bandit", "bandits",
    "pirate", "pirates", "militia", "militias", "extremist", "extremists", "guerrilla", "guerrillas",
})
# Group nouns that are a non-state captor with one of `ARMED_GROUP_MODIFIERS`: "an armed group",
# "the Palestinian Islamist group", "a jihadist movement".
ARMED_GROUP_NOUNS: frozenset[str] = frozenset({
    "group", "movement", "faction", "organisation", "organization", "outfit", "network", "cell", "tribe", "gang",
})
ARMED_GROUP_MODIFIERS: frozenset[str] = frozenset({
    "armed", "militant", "islamist", "jihadist", "rebel", "insurgent", "terrorist", "extremist", "separatist",
    "guerrilla", "paramilitary", "criminal", "kidnapping",
})
# Armed groups named in the news that hold hostages without being a state (folded names). A
# movement that governs a country as its de facto authority (the Taliban) is not listed.
ARMED_GROUPS: frozenset[str] = frozenset({
    "hamas", "hezbollah", "hizbollah", "houthis", "houthi", "al-qaeda", "al qaeda", "al-qaida", "al qaida",
    "aqim", "al-shabaab", "al-shabab", "al shabaab", "boko haram", "islamic state", "isis", "isil", "daesh",
    "islamic jihad", "farc", "eln", "al-nusra front", "nusra front", "al-nusra", "jnim", "m23", "abu sayyaf",
})
# Verbs of taking or holding captive: "held by kidnappers", "gunmen seized the woman".
CAPTIVITY_VERBS: frozenset[str] = frozenset({
    "kidnap", "abduct", "seize", "hold", "capture", "take", "snatch", "detain",
})
# Verbs of easing a restriction given in exchange: "lift sanctions", "waive the tariffs".
SANCTION_VERBS: frozenset[str] = frozenset({"lift", "ease", "repeal", "remove", "relax", "suspend", "waive", "drop", "end", "loosen"})
# Phrases that put a clause inside the deal: "as part of the deal, X was freed".
DEAL_PHRASES: tuple[str, ...] = ("as part of the deal", "as part of the agreement", "as part of the exchange", "under the deal",
                                 "under the agreement", "as part of the arrangement")
# Phrases that say who an amnesty did NOT cover (their charges are not the freed people's): "were excluded".
EXCLUSION_PHRASES: tuple[str, ...] = ("were excluded", "are excluded", "was excluded", "is excluded", "not eligible", "ineligible",
                                      "does not apply", "do not apply", "did not apply", "does not cover", "do not cover", "exempted from")
# Nouns of a deal between sides: "the prisoner swap", "under the agreement".
DEAL_NOUNS: frozenset[str] = frozenset({"deal", "exchange", "swap", "agreement", "arrangement", "trade"})
# Verbs of what a side got out of a deal: "Iran obtained access to $6 billion".
GAIN_VERBS: frozenset[str] = frozenset({"receive", "obtain", "get", "win", "secure", "gain"})
# Phrases denying a link between a release and a deal: "officials denied any link".
DENIAL_PHRASES: tuple[str, ...] = ("denied any link", "deny any link", "denied a link", "no link", "not linked", "no deal",
                                   "not part of the deal", "denied that", "denies that", "no connection")
# What a side lifts in exchange: "lift sanctions on ...", "ease restrictions on timber exports".
RESTRICTION_NOUNS: frozenset[str] = frozenset({"sanction", "restriction", "embargo", "ban", "tariff", "curb"})
# Nouns of easing a restriction: "the lifting of sanctions", "sanctions relief". (Surface words, not lemmas.)
SANCTION_NOUNS: frozenset[str] = frozenset({"lifting", "easing", "repeal", "removal", "relaxation", "suspension", "relief", "waiver"})
# Times of day that are not a date: "on Friday morning", "at midnight".
TIME_OF_DAY_NOUNS: frozenset[str] = frozenset({"morning", "afternoon", "evening", "night", "midnight", "dawn", "noon", "hour"})
# Verbs of a deal's relative clause that tell its other half: "a deal that also saw B release two prisoners".
DEAL_ALSO_VERBS: frozenset[str] = frozenset({"see", "let", "allow", "enable", "give", "grant"})
# Verbs of handing something to a side: "the UK paid Iran an old debt", "a deal that brought them the
# bodies of two soldiers". With the releasing side as receiver, what is handed is the quid pro quo. (Lemmas.)
PAYMENT_VERBS: frozenset[str] = frozenset({
    "pay", "give", "bring", "hand", "send", "deliver", "transfer", "grant", "return", "provide", "repay",
})
# Objects of those verbs that are a courtesy or a cost, not something handed over: "paid a visit to Iran",
# "gave them a warm welcome", "paid a heavy price". (Lemmas.)
COURTESY_NOUNS: frozenset[str] = frozenset({
    "visit", "tribute", "homage", "respect", "attention", "thanks", "welcome", "call", "interview", "statement",
    "speech", "price", "assurance", "warning", "information", "update", "detail", "hope", "chance", "time",
})
# Verbs and nouns of an exchange whose "for" object the other side handed over: "traded for X".
TRADE_WORDS: frozenset[str] = frozenset({"trade", "swap", "exchange", "return"})
# Verbs of handing held people or remains back to the other side: "in exchange, Chile returned three
# sailors", "handed over the bodies of 40 soldiers in return". (Lemmas.)
HANDOVER_VERBS: frozenset[str] = frozenset({
    "return", "repatriate", "transfer", "deliver", "surrender", "hand", "send", "give", "restore",
})
# Nouns of the dead handed back in an exchange: "the bodies of 40 soldiers", "the remains of two pilots".
REMAINS_NOUNS: frozenset[str] = frozenset({"body", "bodies", "remains", "corpse", "corpses", "ashes"})
# Nouns of money or property a state holds frozen: "$6 billion in frozen funds", "unfroze its assets".
FUNDS_NOUNS: frozenset[str] = frozenset({
    "fund", "asset", "money", "revenue", "account", "reserve", "deposit", "payment", "cash", "property", "holding",
})
# Verbs and participles of freeing held money: "unfroze the assets", "frozen funds were released".
UNFREEZE_VERBS: frozenset[str] = frozenset({"unfreeze", "unblock", "unlock", "thaw", "unfrozen"})
FROZEN_WORDS: frozenset[str] = frozenset({"frozen", "blocked", "seized", "impounded", "restricted"})
# Words that make an article an exchange, both sides freeing people: "a prisoner swap", "the two
# countries exchanged 150 prisoners each". (Lemmas.)
SWAP_WORDS: frozenset[str] = frozenset({"swap", "exchange"})
# Verbs that take back a promise or a deal: "undid a promise to ease sanctions".
REVERSAL_VERBS: frozenset[str] = frozenset({"undo", "cancel", "revoke", "reverse", "rescind", "scrap", "abandon", "overturn"})

# ---------------------------------------------------------------- charges

# Cue words (lemmas) that make a sentence talk about charges.
CHARGE_CUES: frozenset[str] = frozenset({
    "charge", "convict", "conviction", "accuse", "accusation", "sentence", "indict", "guilty", "allegation",
    "allege", "offence", "offense", "crime", "prosecute", "prosecution", "arrest", "jail", "imprison",
    "count", "verdict", "trial", "case", "law", "article", "code", "suspicion",
})
# Lower-case word stems -> normalised short charge word. A stem matches the start of a word.
CHARGE_TERMS: dict[str, str] = {
    "espionage": "espionage",
    "spying": "espionage",
    "spy": "espionage",
    "terroris": "terrorism",
    "terrorist": "terrorism",
    "extremis": "extremism",
    "extremist": "extremism",
    "treason": "treason",
    "sedition": "sedition",
    "seditious": "sedition",
    "subversion": "subversion",
    "subvert": "subversion",
    "sabotage": "sabotage",
    "separatis": "separatism",
    "tax": "tax evasion",
    "fraud": "fraud",
    "embezzle": "embezzlement",
    "bribe": "bribery",
    "corruption": "corruption",
    "smuggl": "smuggling",
    "drug": "drug trafficking",
    "narcotic": "drug trafficking",
    "money laundering": "money laundering",
    "hooligan": "hooliganism",
    "riot": "rioting",
    "mass unrest": "rioting",
    "blasphem": "blasphemy",
    "insult": "insult",
    "defamation": "defamation",
    "slander": "defamation",
    "propaganda": "propaganda",
    "incitement": "incitement",
    "inciting": "incitement",
    "collaborat": "collaboration",
    "mercenar": "mercenarism",
    "murder": "murder",
    "kidnap": "kidnapping",
    "weapon": "weapons",
    "firearm": "weapons",
    "illegal border": "illegal border crossing",
    "illegal entry": "illegal border crossing",
    "conspiracy": "conspiracy",
    "coup plot": "conspiracy",
    "plotting a coup": "conspiracy",
    "attempted coup": "conspiracy",
    "assault": "assault",
    "false news": "false news",
    "spreading false": "false news",
    "immigration": "immigration violations",
    "public disorder": "public disorder",
    "contempt": "contempt",
    "drug possession": "drug possession",
    "possession of drugs": "drug possession",
    "possession of narcotics": "drug possession",
    "disinformation": "disinformation",
    "false information": "disinformation",
    "fake news": "disinformation",
    "unauthorized protest": "unauthorised protest",
    "unauthorised protest": "unauthorised protest",
    "illegal protest": "unauthorised protest",
    "unlawful assembly": "unauthorised protest",
    "moharebeh": "enmity against god",
    "enmity against god": "enmity against god",
    "apostasy": "apostasy",
    "undermining national security": "national security",
    "national security": "national security",
    "state secrets": "espionage",
    "high treason": "treason",
}

# ---------------------------------------------------------------- countries

# Capitals and seats of government that wire copy uses for a government ("Moscow freed ...").
# Country names and demonyms themselves are read through `extract.countries`. This is a general
# table of world capitals (general geography, not taken from any article).
CAPITALS: dict[str, str] = {
    "Kabul": "Afghanistan", "Algiers": "Algeria", "Yerevan": "Armenia", "Canberra": "Australia",
    "Vienna": "Austria", "Baku": "Azerbaijan", "Manama": "Bahrain", "Dhaka": "Bangladesh",
    "Minsk": "Belarus", "Brussels": "Belgium", "Brasilia": "Brazil", "Sofia": "Bulgaria",
    "Phnom Penh": "Cambodia", "Ottawa": "Canada", "Beijing": "China", "Bogota": "Colombia",
    "Havana": "Cuba", "Prague": "Czech Republic", "Kinshasa": "DR Congo", "Copenhagen": "Denmark",
    "Cairo": "Egypt", "Asmara": "Eritrea", "Tallinn": "Estonia", "Addis Ababa": "Ethiopia",
    "Helsinki": "Finland", "Paris": "France", "Tbilisi": "Georgia", "Berlin": "Germany",
    "Athens": "Greece", "Budapest": "Hungary", "New Delhi": "India", "Jakarta": "Indonesia",
    "Tehran": "Iran", "Baghdad": "Iraq", "Dublin": "Ireland", "Jerusalem": "Israel", "Rome": "Italy",
    "Tokyo": "Japan", "Amman": "Jordan", "Astana": "Kazakhstan", "Nairobi": "Kenya", "Bishkek": "Kyrgyzstan",
    "Riga": "Latvia", "Vilnius": "Lithuania", "Beirut": "Lebanon", "Tripoli": "Libya",
    "Kuala Lumpur": "Malaysia", "Bamako": "Mali", "Mexico City": "Mexico", "Chisinau": "Moldova",
    "Rabat": "Morocco", "Naypyitaw": "Myanmar", "The Hague": "Netherlands", "Managua": "Nicaragua",
    "Niamey": "Niger", "Abuja": "Nigeria", "Pyongyang": "North Korea", "Oslo": "Norway", "Muscat": "Oman",
    "Islamabad": "Pakistan", "Ramallah": "Palestine", "Lima": "Peru", "Manila": "Philippines",
    "Warsaw": "Poland", "Lisbon": "Portugal", "Doha": "Qatar", "Bucharest": "Romania", "Moscow": "Russia",
    "Kremlin": "Russia", "Kigali": "Rwanda", "Riyadh": "Saudi Arabia", "Belgrade": "Serbia",
    "Bratislava": "Slovakia", "Mogadishu": "Somalia", "Pretoria": "South Africa", "Seoul": "South Korea",
    "Madrid": "Spain", "Colombo": "Sri Lanka", "Khartoum": "Sudan", "Stockholm": "Sweden", "Bern": "Switzerland",
    "Damascus": "Syria", "Taipei": "Taiwan", "Dushanbe": "Tajikistan", "Bangkok": "Thailand", "Tunis": "Tunisia",
    "Ankara": "Turkey", "Ashgabat": "Turkmenistan", "Kampala": "Uganda", "Kiev": "Ukraine", "Kyiv": "Ukraine", "Washington": "United States",
    "Abu Dhabi": "United Arab Emirates", "London": "United Kingdom",
    "Caracas": "Venezuela", "Hanoi": "Vietnam", "Sanaa": "Yemen",
    "Harare": "Zimbabwe", "Tashkent": "Uzbekistan", "Ulaanbaatar": "Mongolia",
    "Tirana": "Albania", "Luanda": "Angola", "Buenos Aires": "Argentina",     "La Paz": "Bolivia", "Sarajevo": "Bosnia and Herzegovina", "Gaborone": "Botswana",
    "Ouagadougou": "Burkina Faso", "Yaounde": "Cameroon", "N'Djamena": "Chad", "Santiago": "Chile",
    "San Jose": "Costa Rica", "San José": "Costa Rica", "Zagreb": "Croatia", "Nicosia": "Cyprus",
    "Djibouti": "Djibouti", "Santo Domingo": "Dominican Republic", "Quito": "Ecuador",
    "San Salvador": "El Salvador", "Banjul": "Gambia", "Accra": "Ghana", "Conakry": "Guinea",
    "Guatemala City": "Guatemala", "Port-au-Prince": "Haiti", "Tegucigalpa": "Honduras",
    "Reykjavik": "Iceland", "Kingston": "Jamaica", "Pristina": "Kosovo", "Kuwait City": "Kuwait",
    "Vientiane": "Laos", "Monrovia": "Liberia", "Luxembourg": "Luxembourg", "Antananarivo": "Madagascar",
    "Lilongwe": "Malawi", "Male": "Maldives", "Valletta": "Malta", "Nouakchott": "Mauritania",
    "Podgorica": "Montenegro", "Maputo": "Mozambique", "Windhoek": "Namibia", "Kathmandu": "Nepal",
    "Wellington": "New Zealand", "Skopje": "North Macedonia", "Panama City": "Panama",
    "Asuncion": "Paraguay", "Asunción": "Paraguay", "Dakar": "Senegal", "Freetown": "Sierra Leone",
    "Singapore": "Singapore", "Ljubljana": "Slovenia", "Juba": "South Sudan", "Paramaribo": "Suriname",
    "Dodoma": "Tanzania", "Lome": "Togo", "Montevideo": "Uruguay", "Lusaka": "Zambia",
}
# Nouns of a country's part in a release: "thanks to Qatar's mediation", "with Oman's help".
INVOLVEMENT_NOUNS: frozenset[str] = frozenset({
    "mediation", "role", "participation", "involvement", "effort", "help", "assistance", "facilitation",
    "intervention", "good offices", "support", "pressure",
})
# Verbs whose subject contributes what an involvement noun names: "Qatar played a key role",
# "Turkey provided assistance", "Oman offered its good offices", "the UAE carried out mediation".
CONTRIBUTION_VERBS: frozenset[str] = frozenset({
    "play", "provide", "offer", "lend", "give", "extend", "carry", "conduct", "undertake", "make", "contribute",
})
# Verbs that, with a noun of a share (`SHARE_NOUNS`), tell that their subject took part in the
# release or the talks: "the Red Cross had a part in the handover", "with Kenyan officials taking part".
PART_TAKING_VERBS: frozenset[str] = frozenset({"have", "take"})
SHARE_NOUNS: frozenset[str] = frozenset({"part", "role", "hand", "share"})
# Nouns of a state's negotiating party, which make that state a mediator like an envoy does: "a US
# delegation held talks in Minsk", "the Qatari negotiating team".
DELEGATION_NOUNS: frozenset[str] = frozenset({"delegation", "negotiating team", "delegate"})
# Verbs of helping, whose subject helped bring about the release or the talks: "Oman helped free
# them", "Qatar assisted in the negotiations".
HELP_VERBS: frozenset[str] = frozenset({"help", "assist", "aid", "contribute", "work", "cooperate", "collaborate"})
# Nouns of an accord between sides: "an agreement with Russia", "talks with Iran".
PARTNER_NOUNS: frozenset[str] = frozenset({
    "agreement", "deal", "arrangement", "talk", "negotiation", "dialogue", "accord", "understanding", "contact",
})
# Receivers that stand for their country: "handed over to Ruritanian officials".
RECEIVER_NOUNS: frozenset[str] = frozenset({"official", "authority", "government", "embassy", "consulate", "diplomat", "representative",
                                            "border", "guard", "side", "territory", "soil"})
# Verbs whose subject goes on to perform the release in their infinitive: "decided to free".
INTEND_VERBS: frozenset[str] = frozenset({"decide", "agree", "vote", "move", "choose", "opt", "begin", "start"})
# Verbs whose object is a release noun, done by the releasing side: "ordered their release".
RELEASE_ORDER_VERBS: frozenset[str] = frozenset({"order", "grant", "approve", "authorise", "authorize", "decree", "sign"})
# Monarchs' titles: "a royal pardon by the king", "the emir ordered".
MONARCHS: frozenset[str] = frozenset({"king", "queen", "monarch", "emir", "sultan"})
# A leader's acts that free people: "a presidential pardon", "by royal decree".
LEADER_ACTS: frozenset[str] = frozenset({"pardon", "order", "decree", "clemency", "amnesty", "decision", "release", "measure", "commutation"})
# Generic titles that fit any leader's title: "the head of state", "the leader".
ANY_LEADER_TITLES: frozenset[str] = frozenset({"head", "leader", "ruler", "president", "premier", "minister", "chairman", "general", *MONARCHS})

# Common English function words: a text with almost none of them is in another language, which the
# English parser and rules cannot read (hybrid_text refuses it with an input error).
ENGLISH_FUNCTION_WORDS: frozenset[str] = frozenset({
    "the", "and", "of", "to", "that", "with", "for", "from", "by", "said", "has", "have", "his", "their",
    "which", "who", "were", "is", "are", "was",
})
