//! Sign-up slots on an occurrence: potluck dishes and volunteer tasks.
//!
//! Staff define slots (a category, how many claims each wants, notes);
//! people who are going claim one unit of a slot. A dish says what it is and
//! carries allergen tags, and a dish made with alcohol — even cooked off —
//! is refused: the house is alcohol-free. `db::signups` keeps the claimed
//! count under its slot's quantity inside one transaction.

use crate::i18n::{Message, m};
use serde::{Deserialize, Serialize};

use super::event::EventKind;
use super::person::PersonId;
use super::validation::{FieldErrors, optional_text, required_text};

pub const NOTES_MAX: usize = 200;
pub const DISH_MAX: usize = 80;
pub const QUANTITY_MAX: u32 = 50;

/// What the database stores for "the default wording" (the column default
/// of migration 0005, and what saving the default stores). It is never
/// shown as such: wherever it is stored, people read
/// `signup-alcohol-refusal-default` from the language files, in their own
/// language (see [`is_default_alcohol_refusal`]).
pub const DEFAULT_ALCOHOL_REFUSAL: &str = "Thank you for offering! Our house is alcohol-free, so dishes made with alcohol — even cooked off — can't come to the potluck. Could you bring something else?";
pub const ALCOHOL_REFUSAL_MAX: usize = 500;

/// Database id of a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SlotId(pub i64);

/// Database id of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClaimId(pub i64);

/// What a slot asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SlotKind {
    /// Something to bring to a potluck: a dish, drinks, supplies.
    Dish,
    /// A job to help with: setting up, decorating, cooking, cleaning up.
    Task,
}

impl SlotKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SlotKind::Dish => "dish",
            SlotKind::Task => "task",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        match input.trim() {
            "dish" => Some(SlotKind::Dish),
            "task" => Some(SlotKind::Task),
            _ => None,
        }
    }

    /// The categories a slot of this kind may have.
    pub fn categories(self) -> &'static [Category] {
        match self {
            SlotKind::Dish => &Category::DISHES,
            SlotKind::Task => &Category::TASKS,
        }
    }
}

/// The kinds of slot an event kind takes: dishes at potlucks only; tasks
/// at holidays and potlucks and any other gathering except a 12-step
/// meeting (which is the members' own, not a party to help with).
pub fn slot_kinds_for(kind: EventKind) -> &'static [SlotKind] {
    match kind {
        EventKind::Potluck => &[SlotKind::Dish, SlotKind::Task],
        EventKind::TwelveStep => &[],
        EventKind::Holiday
        | EventKind::Karaoke
        | EventKind::Outing
        | EventKind::Recreation
        | EventKind::Other => &[SlotKind::Task],
    }
}

/// A slot's category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Main,
    Side,
    Dessert,
    Drinks,
    Supplies,
    SetUp,
    Decorate,
    Cook,
    CleanUp,
    Other,
}

impl Category {
    pub const DISHES: [Category; 5] = [
        Category::Main,
        Category::Side,
        Category::Dessert,
        Category::Drinks,
        Category::Supplies,
    ];
    pub const TASKS: [Category; 5] = [
        Category::SetUp,
        Category::Decorate,
        Category::Cook,
        Category::CleanUp,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Main => "main",
            Category::Side => "side",
            Category::Dessert => "dessert",
            Category::Drinks => "drinks",
            Category::Supplies => "supplies",
            Category::SetUp => "set_up",
            Category::Decorate => "decorate",
            Category::Cook => "cook",
            Category::CleanUp => "clean_up",
            Category::Other => "other",
        }
    }

    pub fn kind(self) -> SlotKind {
        if Category::DISHES.contains(&self) {
            SlotKind::Dish
        } else {
            SlotKind::Task
        }
    }

    pub fn parse(input: &str) -> Result<Self, Message> {
        let input = input.trim().replace('-', "_");
        Category::DISHES
            .into_iter()
            .chain(Category::TASKS)
            .find(|c| c.as_str() == input)
            .ok_or_else(|| m::signup_category_unknown(input))
    }
}

/// Allergen and diet tags on a dish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Allergen {
    Nuts,
    Gluten,
    Dairy,
    Eggs,
    Shellfish,
    Soy,
    Vegetarian,
    Vegan,
}

impl Allergen {
    pub const ALL: [Allergen; 8] = [
        Allergen::Nuts,
        Allergen::Gluten,
        Allergen::Dairy,
        Allergen::Eggs,
        Allergen::Shellfish,
        Allergen::Soy,
        Allergen::Vegetarian,
        Allergen::Vegan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Allergen::Nuts => "nuts",
            Allergen::Gluten => "gluten",
            Allergen::Dairy => "dairy",
            Allergen::Eggs => "eggs",
            Allergen::Shellfish => "shellfish",
            Allergen::Soy => "soy",
            Allergen::Vegetarian => "vegetarian",
            Allergen::Vegan => "vegan",
        }
    }
}

/// Reads allergen tags: each input may be one tag or a comma-separated
/// list (the stored form); case and spaces do not matter, duplicates are
/// dropped and the result is in a fixed order.
pub fn parse_allergens<S: AsRef<str>>(inputs: &[S]) -> Result<Vec<Allergen>, Message> {
    let mut tags = Vec::new();
    for input in inputs {
        for word in input.as_ref().split(',') {
            let word = word.trim().to_lowercase();
            if word.is_empty() {
                continue;
            }
            let tag = Allergen::ALL
                .into_iter()
                .find(|a| a.as_str() == word || a.as_str().trim_end_matches('s') == word)
                .ok_or_else(|| m::signup_allergen_unknown(&word))?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    tags.sort();
    Ok(tags)
}

/// The stored form of allergen tags: "nuts,dairy".
pub fn allergens_text(tags: &[Allergen]) -> String {
    tags.iter()
        .map(|a| a.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Words that mean a dish contains alcohol. Matched as whole words, case
/// aside, so "ginger" is not "gin" and "rumaki" is not "rum".
const ALCOHOL_WORDS: &[&str] = &[
    "alcohol",
    "alcoholic",
    "absinthe",
    "amaretto",
    "baileys",
    "beer",
    "beers",
    "bourbon",
    "boozy",
    "booze",
    "brandy",
    "brandied",
    "champagne",
    "cognac",
    "cointreau",
    "frangelico",
    "gin",
    "grappa",
    "kahlua",
    "kirsch",
    "lager",
    "limoncello",
    "liqueur",
    "liqueurs",
    "liquor",
    "marsala",
    "mirin",
    "moonshine",
    "prosecco",
    "rum",
    "sake",
    "sangria",
    "schnapps",
    "sherry",
    "spiked",
    "tequila",
    "tipsy",
    "vermouth",
    "vodka",
    "whiskey",
    "whisky",
    "wine",
    "wines",
];

/// Two-word phrases that mean alcohol though neither word alone does.
const ALCOHOL_PHRASES: &[(&str, &str)] = &[
    ("hard", "cider"),
    ("hard", "lemonade"),
    ("hard", "seltzer"),
    ("irish", "cream"),
    ("grand", "marnier"),
    ("triple", "sec"),
];

/// Word pairs where an alcohol word means something without alcohol.
const NOT_ALCOHOL: &[(&str, &str)] = &[
    ("root", "beer"),
    ("ginger", "beer"),
    ("wine", "vinegar"),
    ("sherry", "vinegar"),
    ("bourbon", "biscuit"),
    ("bourbon", "biscuits"),
];

/// The alcohol word in a dish's name, if there is one. Whole words only;
/// a word followed by "'s" is read as someone's name ("Brandy's brownies",
/// "Sherry's salad"), and a few pairs that contain no alcohol (root beer,
/// ginger beer, wine vinegar, bourbon biscuits) are let through.
/// "Non-alcoholic beer" is still refused: the house serves none.
pub fn alcohol_word(dish: &str) -> Option<String> {
    // Words with whether each is possessive ("brandy's").
    let mut words: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = dish.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
            i += 1;
            continue;
        }
        let apostrophe = matches!(c, '\'' | '’');
        let possessive = apostrophe
            && !current.is_empty()
            && chars
                .get(i + 1)
                .is_some_and(|n| n.eq_ignore_ascii_case(&'s'))
            && !chars.get(i + 2).is_some_and(|n| n.is_alphanumeric());
        if !current.is_empty() {
            words.push((std::mem::take(&mut current), possessive));
        }
        i += if possessive { 2 } else { 1 };
    }
    if !current.is_empty() {
        words.push((current, false));
    }
    for (index, (word, possessive)) in words.iter().enumerate() {
        let next = words.get(index + 1).map(|(w, _)| w.as_str());
        let previous = index
            .checked_sub(1)
            .and_then(|p| words.get(p))
            .map(|(w, _)| w.as_str());
        if let Some(next) = next
            && ALCOHOL_PHRASES.contains(&(word.as_str(), next))
        {
            return Some(format!("{word} {next}"));
        }
        if *possessive || !ALCOHOL_WORDS.contains(&word.as_str()) {
            continue;
        }
        let harmless = previous.is_some_and(|p| NOT_ALCOHOL.contains(&(p, word.as_str())))
            || next.is_some_and(|n| NOT_ALCOHOL.contains(&(word.as_str(), n)));
        if !harmless {
            return Some(word.clone());
        }
    }
    None
}

/// A slot as staff enter it; every field as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotForm {
    pub category: String,
    pub quantity: String,
    #[serde(default)]
    pub notes: String,
}

/// A checked slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotDraft {
    pub category: Category,
    pub quantity: u32,
    pub notes: String,
}

impl SlotForm {
    pub fn parse(&self) -> Result<SlotDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let category = Category::parse(&self.category)
            .map_err(|m| errors.add("category", m))
            .ok();
        let quantity = match self.quantity.trim() {
            "" => Some(1),
            text => text
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=QUANTITY_MAX).contains(n))
                .or_else(|| {
                    errors.add("quantity", m::signup_quantity_range(QUANTITY_MAX));
                    None
                }),
        };
        let notes = optional_text(
            &mut errors,
            "notes",
            m::field_notes(),
            &self.notes,
            NOTES_MAX,
        );
        match (category, quantity) {
            (Some(category), Some(quantity)) if errors.is_empty() => Ok(SlotDraft {
                category,
                quantity,
                notes,
            }),
            _ => Err(errors),
        }
    }
}

/// What a person says they bring (dish slots) or nothing (tasks).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimForm {
    #[serde(default)]
    pub dish: String,
    #[serde(default)]
    pub allergens: Vec<String>,
    /// The "contains alcohol (even cooked off)" box.
    #[serde(default)]
    pub contains_alcohol: bool,
}

/// A checked claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimDraft {
    pub dish: String,
    pub allergens: Vec<Allergen>,
}

/// Why a claim was refused before it reached the slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimProblem {
    Fields(FieldErrors),
    /// The dish contains alcohol: answered with the facility's wording,
    /// at this field.
    Alcohol {
        field: &'static str,
    },
}

impl ClaimForm {
    /// Checks a claim on a slot of `kind`. Tasks take no dish or tags.
    pub fn parse(&self, kind: SlotKind) -> Result<ClaimDraft, ClaimProblem> {
        if kind == SlotKind::Task {
            return Ok(ClaimDraft {
                dish: String::new(),
                allergens: Vec::new(),
            });
        }
        if self.contains_alcohol {
            return Err(ClaimProblem::Alcohol {
                field: "contains_alcohol",
            });
        }
        let mut errors = FieldErrors::new();
        let dish = required_text(&mut errors, "dish", m::field_dish(), &self.dish, DISH_MAX);
        let allergens = parse_allergens(&self.allergens)
            .map_err(|m| errors.add("allergens", m))
            .unwrap_or_default();
        if !errors.is_empty() {
            return Err(ClaimProblem::Fields(errors));
        }
        if alcohol_word(&dish).is_some() {
            return Err(ClaimProblem::Alcohol { field: "dish" });
        }
        Ok(ClaimDraft { dish, allergens })
    }
}

/// Whether a stored or typed refusal is the default wording: the stored
/// marker, or the default as some language words it (a settings form
/// pre-filled in Spanish and saved unchanged keeps the default, which
/// English readers then read in English).
pub fn is_default_alcohol_refusal(text: &str) -> bool {
    let text = text.trim();
    text == DEFAULT_ALCOHOL_REFUSAL
        || crate::i18n::Lang::ALL.into_iter().any(|lang| {
            crate::i18n::static_text(lang, crate::i18n::MsgId::SignupAlcoholRefusalDefault)
                .is_some_and(|default| default.trim() == text)
        })
}

/// Checks the facility's refusal wording; empty (or the default in any
/// language) means the default.
pub fn parse_alcohol_refusal(input: &str) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::new();
    let text = optional_text(
        &mut errors,
        "alcohol_refusal",
        m::field_message(),
        input,
        ALCOHOL_REFUSAL_MAX,
    );
    let text = if text.is_empty() || is_default_alcohol_refusal(&text) {
        DEFAULT_ALCOHOL_REFUSAL.to_owned()
    } else {
        text
    };
    errors.into_result(text)
}

/// One claim as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimView {
    pub id: ClaimId,
    /// The claimer's name where the viewer may see it: staff always, other
    /// clients only where the event shows names. `None` otherwise.
    pub name: Option<String>,
    /// The claim is the viewer's own.
    pub mine: bool,
    /// The claimer (staff only).
    pub person_id: Option<PersonId>,
    pub dish: String,
    pub allergens: Vec<Allergen>,
}

/// One slot with its claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotView {
    pub id: SlotId,
    pub kind: SlotKind,
    pub category: Category,
    pub quantity: u32,
    pub claimed: u32,
    pub notes: String,
    pub claims: Vec<ClaimView>,
}

impl SlotView {
    pub fn still_needed(&self) -> u32 {
        self.quantity.saturating_sub(self.claimed)
    }
}

/// The sign-ups of one occurrence as the viewer may see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupBoard {
    pub event_id: i64,
    pub key: String,
    pub event_kind: EventKind,
    /// The kinds of slot this event takes.
    pub kinds: Vec<SlotKind>,
    pub slots: Vec<SlotView>,
    /// People going and the guests they bring (for planning food).
    pub headcount: i64,
    pub going: i64,
    /// The viewer is going (and so may claim).
    pub viewer_going: bool,
    /// The viewer plans events (adds, edits and removes slots).
    pub can_manage: bool,
    /// Claims are open (not cancelled, not started).
    pub open: bool,
}

impl SignupBoard {
    /// Whether what the sheet shows depends on the viewer's RSVP: a slot
    /// to claim once going (or "RSVP first"), or the headcount of a meal.
    pub fn follows_rsvps(&self) -> bool {
        !self.slots.is_empty() || matches!(self.event_kind, EventKind::Potluck | EventKind::Holiday)
    }
}

impl SignupBoard {
    pub fn slots_of(&self, kind: SlotKind) -> impl Iterator<Item = &SlotView> {
        self.slots.iter().filter(move |s| s.kind == kind)
    }

    /// Units still wanted over every slot of `kind`.
    pub fn still_needed(&self, kind: SlotKind) -> u32 {
        self.slots_of(kind).map(SlotView::still_needed).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alcohol_words_are_found_as_whole_words() {
        for dish in [
            "Rum cake",
            "Coq au vin with red WINE",
            "Beer-battered fish",
            "Tiramisu (with marsala)",
            "Bourbon pecan pie",
            "Whisky fudge",
            "Whiskey glaze ham",
            "Vodka penne",
            "Sherry trifle",
            "Brandy snaps",
            "Gin and tonic sorbet",
            "Champagne punch",
            "Salmon with sake glaze",
            "Teriyaki with mirin",
            "Kahlua brownies",
            "Amaretto cookies",
            "Peach schnapps cobbler",
            "Prosecco jelly",
            "Hard cider donuts",
            "Spiked eggnog",
            "Boozy cherries",
            "Tequila lime chicken",
            "Liqueur-soaked cake",
            "Non-alcoholic beer",
            "Irish cream fudge",
            "Triple sec glaze",
        ] {
            assert!(alcohol_word(dish).is_some(), "{dish} should be refused");
        }
        assert_eq!(alcohol_word("Rum cake").as_deref(), Some("rum"));
        assert_eq!(
            alcohol_word("Hard cider donuts").as_deref(),
            Some("hard cider")
        );
    }

    #[test]
    fn alcohol_words_inside_other_words_are_not_alcohol() {
        for dish in [
            "Ginger cookies",
            "Gingerbread house",
            "Rumaki",
            "Beginner's salad",
            "Sherbet punch",
            "Brandywine tomatoes",
            "Swine roast",
            "Root beer floats",
            "Ginger beer",
            "Salad with red wine vinegar",
            "Bourbon biscuits",
            "Apple cider",
            "Hardboiled eggs",
            "Winery grapes",
            "Sakes alive pie",
            "Engine cake",
            "Drum sticks",
            "Brandy's brownies",
            "Sherry’s potato salad",
            "Ginny's lasagna",
            "Mulled apple juice",
            "",
        ] {
            assert_eq!(alcohol_word(dish), None, "{dish} should be accepted");
        }
    }

    #[test]
    fn ticking_contains_alcohol_refuses_whatever_the_name() {
        let form = ClaimForm {
            dish: "Chocolate cake".into(),
            allergens: vec![],
            contains_alcohol: true,
        };
        assert_eq!(
            form.parse(SlotKind::Dish),
            Err(ClaimProblem::Alcohol {
                field: "contains_alcohol"
            })
        );
        let named = ClaimForm {
            dish: "Rum balls".into(),
            ..Default::default()
        };
        assert_eq!(
            named.parse(SlotKind::Dish),
            Err(ClaimProblem::Alcohol { field: "dish" })
        );
    }

    #[test]
    fn allergens_parse_from_boxes_or_lists_in_a_fixed_order() {
        assert_eq!(
            parse_allergens(&["Dairy", "nuts, gluten", "nuts", " "]),
            Ok(vec![Allergen::Nuts, Allergen::Gluten, Allergen::Dairy])
        );
        assert_eq!(parse_allergens(&["egg"]), Ok(vec![Allergen::Eggs]));
        assert_eq!(parse_allergens::<&str>(&[]), Ok(vec![]));
        assert!(parse_allergens(&["peanut butter"]).is_err());
        let tags = parse_allergens(&["vegan,soy"]).unwrap();
        assert_eq!(allergens_text(&tags), "soy,vegan");
        assert_eq!(parse_allergens(&[allergens_text(&tags)]), Ok(tags));
    }

    #[test]
    fn a_dish_claim_needs_a_name_and_known_tags() {
        let form = ClaimForm {
            dish: "  ".into(),
            allergens: vec!["shrimp".into()],
            contains_alcohol: false,
        };
        match form.parse(SlotKind::Dish) {
            Err(ClaimProblem::Fields(errors)) => {
                assert_eq!(
                    errors.text("dish").as_deref(),
                    Some("What you bring is required.")
                );
                assert!(errors.get("allergens").is_some());
            }
            other => panic!("{other:?}"),
        }
        let ok = ClaimForm {
            dish: " Mac and cheese ".into(),
            allergens: vec!["dairy".into(), "gluten".into()],
            contains_alcohol: false,
        };
        assert_eq!(
            ok.parse(SlotKind::Dish),
            Ok(ClaimDraft {
                dish: "Mac and cheese".into(),
                allergens: vec![Allergen::Gluten, Allergen::Dairy],
            })
        );
    }

    #[test]
    fn a_task_claim_takes_no_dish() {
        let form = ClaimForm {
            dish: "Rum cake".into(),
            allergens: vec!["nuts".into()],
            contains_alcohol: true,
        };
        assert_eq!(
            form.parse(SlotKind::Task),
            Ok(ClaimDraft {
                dish: String::new(),
                allergens: vec![],
            })
        );
    }

    #[test]
    fn slots_need_a_known_category_and_a_sensible_quantity() {
        let form = SlotForm {
            category: "dessert".into(),
            quantity: "3".into(),
            notes: " no nuts please ".into(),
        };
        assert_eq!(
            form.parse(),
            Ok(SlotDraft {
                category: Category::Dessert,
                quantity: 3,
                notes: "no nuts please".into()
            })
        );
        let blank = SlotForm {
            category: "clean-up".into(),
            ..Default::default()
        };
        assert_eq!(blank.parse().unwrap().quantity, 1);
        assert_eq!(blank.parse().unwrap().category.kind(), SlotKind::Task);
        for quantity in ["0", "-1", "51", "two"] {
            let bad = SlotForm {
                category: "main".into(),
                quantity: quantity.into(),
                notes: String::new(),
            };
            assert!(
                bad.parse().unwrap_err().get("quantity").is_some(),
                "{quantity}"
            );
        }
        let bad = SlotForm {
            category: "appetizer".into(),
            quantity: "1".into(),
            notes: "x".repeat(NOTES_MAX + 1),
        };
        let errors = bad.parse().unwrap_err();
        assert!(errors.get("category").is_some());
        assert!(errors.get("notes").is_some());
    }

    #[test]
    fn dishes_belong_to_potlucks_and_tasks_to_most_gatherings() {
        assert_eq!(
            slot_kinds_for(EventKind::Potluck),
            &[SlotKind::Dish, SlotKind::Task]
        );
        assert_eq!(slot_kinds_for(EventKind::Holiday), &[SlotKind::Task]);
        assert!(slot_kinds_for(EventKind::TwelveStep).is_empty());
        for kind in EventKind::ALL {
            assert_eq!(
                slot_kinds_for(kind).contains(&SlotKind::Dish),
                kind == EventKind::Potluck
            );
        }
    }

    #[test]
    fn the_default_refusal_is_the_migrations_column_default() {
        for sql in [
            include_str!("../../../migrations/sqlite/0005_signups.sql"),
            include_str!("../../../migrations/postgres/0005_signups.sql"),
        ] {
            assert!(
                sql.contains(&DEFAULT_ALCOHOL_REFUSAL.replace('\'', "''")),
                "the migration's default wording differs"
            );
        }
        assert_eq!(
            parse_alcohol_refusal("  "),
            Ok(DEFAULT_ALCOHOL_REFUSAL.to_owned())
        );
        assert!(parse_alcohol_refusal(&"x".repeat(ALCOHOL_REFUSAL_MAX + 1)).is_err());
    }

    #[test]
    fn the_default_refusal_is_read_from_the_language_files_and_saved_as_the_marker() {
        use crate::i18n::{Lang, m};
        // The stored marker is the English default, so a facility that
        // never changed it reads the default in every language.
        assert_eq!(
            m::signup_alcohol_refusal_default().render(Lang::En),
            DEFAULT_ALCOHOL_REFUSAL
        );
        let spanish = m::signup_alcohol_refusal_default()
            .render(Lang::Es)
            .into_owned();
        assert_ne!(spanish, DEFAULT_ALCOHOL_REFUSAL);
        assert!(is_default_alcohol_refusal(&spanish));
        // The form pre-filled in Spanish and saved unchanged keeps the
        // default, not a Spanish text English readers would get.
        assert_eq!(
            parse_alcohol_refusal(&format!(" {spanish} ")),
            Ok(DEFAULT_ALCOHOL_REFUSAL.to_owned())
        );
        // A facility's own words stay its own.
        let own = "No alcohol in any dish, please. Thank you!";
        assert!(!is_default_alcohol_refusal(own));
        assert_eq!(parse_alcohol_refusal(own), Ok(own.to_owned()));
    }
}
