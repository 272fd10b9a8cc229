//! A synthetic case book shaped like the foundation's May 2024 overview:
//! 22 violations of journalists' rights, 13 of the right to information (10
//! refusals), 10 claims (1 criminal, 6 civil, 3 administrative), five
//! events in the country and two developments, plus the months around it
//! that the comparisons need and that must not be counted in May.
//!
//! | period              | counted | notes                                   |
//! |---------------------|---------|-----------------------------------------|
//! | 2022                | 9       | all `journalists.interference`          |
//! | Jan–May 2023        | 55      | May 2023: 39 (15 journalists = 38%)     |
//! | Jun–Dec 2023        | 4       | interference; 2023 interference total 6 |
//! | Jan–Mar 2024        | 12      | one interference in January             |
//! | April 2024          | 30      | one interference on 2024-04-30          |
//! | May 2024            | 45      | five interference                       |
//! | June 2024           | 3       | from 2024-06-01, never in May           |

use chrono::{NaiveDate, TimeZone, Utc};
use kuzet_core::case::{
    Case, CaseData, CaseId, CaseKind, CaseStatus, Development, DevelopmentData, DevelopmentId, Proceeding,
    ProceedingBranch, ProceedingStage, Victim,
};
use kuzet_core::codes::{CategoryCode, LegalBasisCode, PerpetratorTypeCode, RegionCode, VictimTypeCode};
use kuzet_core::lang::Lang;
use uuid::Uuid;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Builds cases with deterministic ids (1, 2, 3, …).
#[derive(Default)]
pub struct Book {
    pub cases: Vec<Case>,
    pub developments: Vec<Development>,
    next: u128,
}

impl Book {
    fn id(&mut self) -> Uuid {
        self.next += 1;
        Uuid::from_u128(self.next)
    }

    /// A counted case (kind `case`) or, for `context.*`, a context event.
    pub fn add(&mut self, on: NaiveDate, category: &str, title: &str) -> &mut Case {
        let kind = if category.starts_with("context.") { CaseKind::Context } else { CaseKind::Case };
        let at = Utc.with_ymd_and_hms(2024, 6, 10, 9, 0, 0).unwrap();
        let id = CaseId(self.id());
        self.cases.push(Case {
            id,
            data: CaseData {
                external_ref: None,
                kind,
                event_date: on,
                region: None,
                category: CategoryCode::new(category).expect("valid code"),
                tags: vec![],
                title: title.to_string(),
                summary: String::new(),
                victim: Victim::default(),
                perpetrator_type: None,
                legal_basis: None,
                proceeding: None,
                sources: vec![],
                status: CaseStatus::Open,
                confidential: false,
                language: Some(Lang::Ru),
                private_names: vec![],
                translations: Default::default(),
            },
            created_at: at,
            updated_at: at,
        });
        self.cases.last_mut().expect("just pushed")
    }

    /// `n` counted cases of `category` on `on`, titled "<prefix> n".
    pub fn many(&mut self, n: usize, on: NaiveDate, category: &str, prefix: &str) {
        for i in 1..=n {
            self.add(on, category, &format!("{prefix} {i}"));
        }
    }

    pub fn development(&mut self, case: CaseId, on: NaiveDate, title: &str, summary: &str) -> DevelopmentId {
        let at = Utc.with_ymd_and_hms(2024, 6, 10, 9, 0, 0).unwrap();
        let id = DevelopmentId(self.id());
        self.developments.push(Development {
            id,
            case_id: case,
            data: DevelopmentData {
                external_ref: None,
                event_date: on,
                title: title.to_string(),
                summary: summary.to_string(),
                sources: vec![],
                language: Some(Lang::Ru),
                private_names: vec![],
                translations: Default::default(),
            },
            created_at: at,
            updated_at: at,
        });
        id
    }
}

fn code<T: std::str::FromStr>(s: &str) -> Option<T>
where
    T::Err: std::fmt::Debug,
{
    Some(s.parse().expect("valid code"))
}

/// Titles of the 45 counted cases of May 2024 (unique, real scripts).
pub const MAY_JOURNALISTS: [&str; 22] = [
    "Forbes Kazakhstan рейтингінің редакторына қысым көрсетілді",
    "Судья запретил журналисту «Нашей газеты» вести съёмку",
    "Чиновники потребовали удалить видео протестов в Кульсары",
    "Facebook удалил пост журналиста Лукпана Ахмедьярова",
    "Әкімдік редакцияның материалын алып тастауды талап етті",
    "Журналисту из Уральска угрожали в мессенджере",
    "Блогерге телефон арқылы қоқан-лоққы жасалды",
    "Неизвестные угрожали редакции сайта в Шымкенте",
    "Корреспондента не пустили на сессию маслихата",
    "Полиция помешала съёмке стихийного митинга",
    "Журналиста задержали во время прямого эфира",
    "Tilshi polisiya bölimşesine şaqyryldy",
    "Журналиста вызвали в полицию для дачи показаний",
    "Редактора вызвали в прокуратуру из-за публикации",
    "Поддельный аккаунт использовал имя известного журналиста",
    "Фейковый сайт скопировал логотип издания",
    "Журналистку оскорбили в комментариях чиновника",
    "Депутат назвал журналистов «провокаторами»",
    "От журналиста потребовали раскрыть источник",
    "Съёмочную группу выгнали с территории больницы",
    "Журналиске соттың ғимаратына кіруге тыйым салынды",
    "Оператора ударили во время съёмки в Актобе",
];

pub const MAY_INFORMATION: [&str; 13] = [
    "Акимат отказал в предоставлении данных о паводках",
    "Министерство не ответило на запрос о компенсациях",
    "Полиция отказалась назвать число задержанных в Кульсары",
    "Облыстық денсаулық сақтау басқармасы сұрауға жауап бермеді",
    "Департамент ЧС засекретил отчёт о дамбах",
    "Маслихат отказал в копии протокола сессии",
    "Прокуратура не предоставила статистику по статье 274",
    "Школа отказалась комментировать отравление учеников",
    "Аким района не ответил на официальный запрос редакции",
    "Минфин отказал в данных о госзакупках",
    "МИД отказал в аккредитации иностранному журналисту",
    "Журналистку лишили аккредитации в парламенте",
    "Сайт заблокирован без решения суда",
];

pub const MAY_CLAIMS: [&str; 10] = [
    "Уголовное дело о ложном доносе против блогера Адилбекова",
    "Иск о защите чести и достоинства к сайту Vera.kz",
    "Бизнесмен требует опровержения от газеты «Время»",
    "Досудебная претензия к телеграм-каналу",
    "Иск аким к редакции о деловой репутации",
    "Блогеры судятся из-за нарушения авторских прав",
    "Претензия банка к новостному порталу",
    "Жамилу Маричеву оштрафовали за ложную информацию",
    "Блогерді әкімшілік жауапкершілікке тартты",
    "Протокол на журналиста за незаконную акцию",
];

pub const MAY_CONTEXT: [(u32, &str); 5] = [
    (3, "Казахстан занял 142-е место в Индексе свободы прессы"),
    (18, "Минюст опубликовал проект консультативного документа"),
    (20, "Дана Саудагерова о молчании госСМИ о протестах в Кульсары"),
    (21, "Премьер-министр: 41 случай ложной информации о паводках"),
    (29, "Конституционный суд о роли прокуратуры"),
];

/// The case book described in the module docs.
pub fn book() -> Book {
    let mut b = Book::default();
    // 2022 and 2023: only what the series and comparisons need.
    b.many(9, date(2022, 6, 15), "journalists.interference", "Вмешательство 2022");
    b.many(16, date(2023, 2, 10), "information.refusal", "Отказ 2023");
    b.many(13, date(2023, 5, 12), "journalists.threat", "Угроза май 2023");
    b.many(2, date(2023, 5, 13), "journalists.interference", "Вмешательство май 2023");
    b.many(16, date(2023, 5, 14), "information.refusal", "Отказ май 2023");
    b.many(8, date(2023, 5, 15), "claims.civil", "Иск май 2023");
    b.many(4, date(2023, 9, 1), "journalists.interference", "Вмешательство осень 2023");
    // January–March 2024.
    b.add(date(2024, 1, 20), "journalists.interference", "Вмешательство январь 2024");
    b.many(11, date(2024, 3, 5), "information.refusal", "Отказ март 2024");
    // April 2024: 30, one of them on the last day.
    b.add(date(2024, 4, 30), "journalists.interference", "Вмешательство 30 апреля");
    b.many(19, date(2024, 4, 12), "journalists.threat", "Угроза апрель 2024");
    b.many(10, date(2024, 4, 30), "claims.civil", "Иск 30 апреля");
    // June 2024: not May.
    b.many(3, date(2024, 6, 1), "journalists.threat", "Угроза 1 июня");
    b.add(date(2024, 6, 1), "context.event", "Событие 1 июня");
    b.add(date(2024, 4, 30), "context.event", "Событие 30 апреля");

    // May 2024.
    let journalist_cats = [
        "journalists.interference",
        "journalists.interference",
        "journalists.interference",
        "journalists.interference",
        "journalists.interference",
        "journalists.threat",
        "journalists.threat",
        "journalists.threat",
        "journalists.obstruction",
        "journalists.obstruction",
        "journalists.detention",
        "journalists.summons",
        "journalists.summons",
        "journalists.summons",
        "journalists.image_misuse",
        "journalists.image_misuse",
        "journalists.insult",
        "journalists.discrediting",
        "journalists.source_disclosure",
        "journalists.other",
        "journalists.other",
        "journalists.attack",
    ];
    let regions = ["almaty_city", "astana", "atyrau", "west_kazakhstan", "kostanay", "online"];
    for (i, (title, cat)) in MAY_JOURNALISTS.iter().zip(journalist_cats).enumerate() {
        // The first and last counted days of the month are in May.
        let day = [1, 31, 10, 10, 16, 25][i % 6];
        let c = b.add(date(2024, 5, day), cat, title);
        c.data.region = code(regions[i % regions.len()]);
        c.data.victim.kind = code::<VictimTypeCode>(if i % 3 == 0 { "blogger" } else { "journalist" });
        c.data.perpetrator_type = code::<PerpetratorTypeCode>(["state", "quasi_state", "non_state", "platform"][i % 4]);
    }
    for (i, title) in MAY_INFORMATION.iter().enumerate() {
        let cat = match i {
            0..=9 => "information.refusal",
            10 | 11 => "information.accreditation",
            _ => "information.blocking",
        };
        let c = b.add(date(2024, 5, 2 + i as u32), cat, title);
        c.data.region = code::<RegionCode>("atyrau");
        c.data.victim.kind = code::<VictimTypeCode>("media_outlet");
        c.data.perpetrator_type = code::<PerpetratorTypeCode>("state");
    }
    for (i, title) in MAY_CLAIMS.iter().enumerate() {
        let (cat, branch) = match i {
            0 => ("claims.criminal", ProceedingBranch::Criminal),
            1..=6 => ("claims.civil", ProceedingBranch::Civil),
            _ => ("claims.administrative", ProceedingBranch::Administrative),
        };
        let c = b.add(date(2024, 5, 13 + i as u32), cat, title);
        c.data.legal_basis = code::<LegalBasisCode>(match i {
            0 => "false_denunciation",
            1..=4 => "honour_dignity",
            5 => "copyright",
            _ => "false_information",
        });
        c.data.perpetrator_type = code::<PerpetratorTypeCode>(if i == 5 { "non_state" } else { "state" });
        c.data.proceeding = Some(Proceeding {
            branch,
            stage: Some(ProceedingStage::Court),
            court: String::new(),
            amount_claimed_kzt: (i == 1).then_some(5_000_000),
            fine_kzt: (i == 7).then_some(73_840),
            outcome: String::new(),
        });
        if i == 7 {
            c.data.summary = "2 мая в специализированном межрайонном суде по делам об административных \
                правонарушениях Алматы начался процесс по обвинению Жамилы Маричевой в распространении \
                ложной информации (статья 456-2 КоАП РК).\n13 мая суд оштрафовал Маричеву."
                .to_string();
        }
    }
    for (day, title) in MAY_CONTEXT {
        let c = b.add(date(2024, 5, day), "context.event", title);
        c.data.summary = "Қазақстан 180 елдің ішінде 142-орынға ие болды. Kazakhstan ranked 142nd out of 180.".into();
    }
    let adilbekov = b.cases.iter().find(|c| c.data.title.contains("Адилбекова")).map(|c| c.id).unwrap();
    b.development(
        adilbekov,
        date(2024, 5, 21),
        "Суд продлил арест блогера Данияра Адилбекова",
        "Следственный суд Астаны продлил срок содержания под стражей до 27 июня 2024 года.",
    );
    b.development(
        adilbekov,
        date(2024, 5, 29),
        "Журналист Олег Гусев стал подозреваемым",
        "Журналиста из Темиртау допросили 8 мая; его статус изменили на «подозреваемый».",
    );
    b.development(adilbekov, date(2024, 6, 1), "Развитие 1 июня", "Не в мае.");
    b
}
