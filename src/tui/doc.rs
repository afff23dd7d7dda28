//! The open document: the workspace, the bank it answers, its change counters and the
//! board derived from it, cached per change (every gap, and the rows the saved view shows).
//! A single-gap edit patches the cached list in place, so a key on a board of thousands of
//! gaps stays fast. Every screen edits the workspace through here, so every edit bumps the
//! counters the loop saves by.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;

use crate::domain::board;
use crate::domain::catalog::Catalog;
use crate::domain::gaps::{self, Gap};
use crate::domain::workspace::Workspace;
use crate::tui::msg::SaveState;

/// The workspace being edited and what follows from it.
pub struct Doc {
    pub catalog: &'static Catalog,
    pub ws: Workspace,
    pub today: NaiveDate,
    /// Yearly duties due within this many days show on the board (`config.ron`).
    pub renewal_window: u32,
    /// Bumped on every change; the loop saves when it differs from the saved generation.
    pub generation: u64,
    pub saved_generation: u64,
    /// Bumped on changes to data (not to how it is viewed): only these rotate backups.
    pub data_generation: u64,
    pub saved_data_generation: u64,
    pub save_state: SaveState,
    /// The gaps derived for a generation: several places read them for each key and frame.
    pub(crate) gap_cache: RefCell<Option<(u64, Rc<Vec<Gap>>)>>,
    /// The board's filtered, sorted rows for a generation (indexes into `gaps()`).
    pub(crate) row_cache: RefCell<Option<(u64, Rc<Vec<usize>>)>>,
    /// Where the risk analysis stands, for a data generation: the inventory pane and the
    /// Risk-tab questions read it on every frame.
    pub(crate) analysis_cache: RefCell<Option<(u64, Rc<Analysis>)>>,
    /// The dashboard's request-list progress, and its weekly trend (by its number of weeks),
    /// for a data generation: each reads the whole bank or log, on every frame otherwise.
    requests_cache: RefCell<Option<(u64, (usize, usize))>>,
    trend_cache: RefCell<Option<(u64, usize, Rc<Trend>)>>,
    /// The profile `catalog` was scoped for: a change of the workspace's profile (the
    /// engagement form, a reload, a merge) scopes the bank afresh on the next change.
    scoped_for: Option<crate::domain::profile::Profile>,
}

/// Per week: its Monday, gaps opened, gaps closed.
pub type Trend = Vec<(NaiveDate, u64, u64)>;

impl Doc {
    pub fn new(catalog: &'static Catalog, ws: Workspace, today: NaiveDate) -> Doc {
        // The built-in bank is scoped to the workspace's profile; another bank (a test's) is
        // taken as it is.
        let catalog = if std::ptr::eq(catalog, Catalog::builtin()) {
            ws.catalog()
        } else {
            catalog
        };
        Doc {
            catalog,
            scoped_for: ws.profile.clone(),
            ws,
            today,
            renewal_window: crate::domain::duties::DEFAULT_WINDOW_DAYS,
            generation: 0,
            saved_generation: 0,
            data_generation: 0,
            saved_data_generation: 0,
            save_state: SaveState::Saved,
            gap_cache: RefCell::new(None),
            row_cache: RefCell::new(None),
            analysis_cache: RefCell::new(None),
            requests_cache: RefCell::new(None),
            trend_cache: RefCell::new(None),
        }
    }

    /// Requests received of those asked (the dashboard), once per change.
    pub fn requests_progress(&self) -> (usize, usize) {
        let mut cache = self.requests_cache.borrow_mut();
        match &*cache {
            Some((generation, p)) if *generation == self.data_generation => *p,
            _ => {
                let p = crate::exchange::requests::progress(self.catalog, &self.ws);
                *cache = Some((self.data_generation, p));
                p
            }
        }
    }

    /// Gaps opened and closed per week for the last `weeks` weeks, once per change.
    pub fn weekly_trend(&self, weeks: usize) -> Rc<Trend> {
        let mut cache = self.trend_cache.borrow_mut();
        if let Some((generation, w, t)) = &*cache
            && *generation == self.data_generation
            && *w == weeks
        {
            return t.clone();
        }
        let t = Rc::new(crate::domain::board::weekly_trend(
            &self.ws, self.today, weeks,
        ));
        *cache = Some((self.data_generation, weeks, t.clone()));
        t
    }

    /// The analysis's state and how many risks name each asset, derived once per change.
    pub fn analysis(&self) -> Rc<Analysis> {
        let mut cache = self.analysis_cache.borrow_mut();
        if let Some((generation, a)) = &*cache
            && *generation == self.data_generation
        {
            return a.clone();
        }
        let a = Rc::new(Analysis {
            state: crate::domain::analysis::state(&self.ws, self.today),
            counts: crate::domain::analysis::risk_counts(&self.ws)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        });
        *cache = Some((self.data_generation, a.clone()));
        a
    }

    pub fn dirty(&self) -> bool {
        self.generation != self.saved_generation
    }

    /// Edits to the audit itself (not only to how it is viewed) wait to be saved.
    pub fn data_dirty(&self) -> bool {
        self.data_generation != self.saved_data_generation
    }

    pub(crate) fn changed(&mut self) {
        if self.ws.profile != self.scoped_for {
            self.scoped_for = self.ws.profile.clone();
            self.catalog = self.ws.catalog();
        }
        self.data_generation += 1;
        self.view_changed();
    }

    /// A change to how the workspace is viewed (sort, filter): saved, but not a new version.
    pub(crate) fn view_changed(&mut self) {
        self.generation += 1;
        if !matches!(self.save_state, SaveState::Failed(_) | SaveState::Conflict) {
            self.save_state = SaveState::Pending;
        }
    }

    /// Every gap, derived once per change. Changes to `ws` go through the app's methods,
    /// which bump `generation`; code that edits `ws` directly must call `touch`.
    pub fn gaps(&self) -> Rc<Vec<Gap>> {
        let mut cache = self.gap_cache.borrow_mut();
        if let Some((generation, gaps)) = &*cache
            && *generation == self.generation
        {
            return gaps.clone();
        }
        // The projects are rows too (kind `project`, last), each shown above its gaps.
        let gaps = Rc::new(crate::domain::project::with_rows(
            &self.ws,
            gaps::derive_all(self.catalog, &self.ws, self.today, self.renewal_window),
        ));
        *cache = Some((self.generation, gaps.clone()));
        gaps
    }

    /// The board's rows: indexes into `gaps()`, filtered and sorted by the saved view.
    pub fn board_rows(&self) -> Rc<Vec<usize>> {
        let mut cache = self.row_cache.borrow_mut();
        if let Some((generation, rows)) = &*cache
            && *generation == self.generation
        {
            return rows.clone();
        }
        let rows = Rc::new(board::rows(
            &self.gaps(),
            &self.ws.view,
            self.catalog,
            self.today,
        ));
        *cache = Some((self.generation, rows.clone()));
        rows
    }

    /// Marks a change to one question's answer or remediation. The cached board is patched
    /// in place (one gap re-derived, inserted or removed) instead of derived again, so that a
    /// key on a board of thousands of gaps stays fast.
    pub(crate) fn changed_id(&mut self, id: &str) {
        // Only a question's own gap is patched in place. Anything else (a register entry, a
        // vendor, an evidence item, a yearly duty whose renewal item moves) is derived afresh:
        // `derive_one` knows question gaps only, and patching with it removed the edited
        // vendor's row from the board.
        // A project member's change moves its project's row (status, rating): derived afresh.
        let question_only = self.ws.answers.contains_key(id)
            && !self.in_project(id)
            && !self.ws.risks.iter().any(|r| r.id == id)
            && self.ws.vendor(id).is_none()
            && !self.catalog.get(id).is_some_and(|q| q.has_tag("yearly"));
        // The analysis reads answers not at all and a question's remediation only for an
        // acceptance past its review date: without one before or after, the cached analysis
        // still holds after an answer (5,000 register risks take a while to read again).
        let due = |m: &crate::domain::workspace::Remediation| {
            m.acceptance.as_ref().is_some_and(|a| a.is_due(self.today))
        };
        let keep_analysis = question_only
            && !self.ws.remediation.get(id).is_some_and(due)
            && self.analysis_cache.borrow().as_ref().is_some_and(|(g, a)| {
                *g == self.data_generation && !a.state.acceptances_due.iter().any(|d| d == id)
            });
        // An expiring evidence item takes its owner from its question: it moves with it.
        let items = format!("{id}/");
        {
            let mut cache = self.gap_cache.borrow_mut();
            match cache.as_mut() {
                Some((generation, list))
                    if *generation == self.generation
                        && question_only
                        && list.iter().all(|g| {
                            (g.id != id || g.kind == gaps::GapKind::Question)
                                && !g.id.starts_with(&items)
                        }) =>
                {
                    let list = Rc::make_mut(list);
                    let at = list.iter().position(|g| g.id == id);
                    match (gaps::derive_one(self.catalog, &self.ws, id), at) {
                        (Some(g), Some(i)) => list[i] = g,
                        (Some(g), None) => {
                            let key = |g: &Gap| (g.retired, self.catalog.position(&g.id));
                            let k = key(&g);
                            let i = list.partition_point(|x| x.answer.is_some() && key(x) < k);
                            list.insert(i, g);
                        }
                        (None, Some(i)) => {
                            list.remove(i);
                        }
                        (None, None) => {}
                    }
                    *generation += 1;
                }
                _ => *cache = None,
            }
        }
        self.changed();
        if keep_analysis && let Some((g, _)) = self.analysis_cache.borrow_mut().as_mut() {
            *g = self.data_generation;
        }
    }

    /// One register entry changed (its rating, treatment or text; not added or deleted): its
    /// gap is patched in the cached board in place, as a question's is, so a key on a
    /// register of thousands costs what one entry costs. An entry whose acceptance is due
    /// for review, or whose place among the register's gaps is not plain, is derived afresh.
    pub(crate) fn risk_entry_changed(&mut self, id: &str) {
        let member = self.in_project(id);
        {
            let mut cache = self.gap_cache.borrow_mut();
            let entry = self.ws.risks.iter().position(|r| r.id == id);
            let plain = !member
                && entry.is_some_and(|i| {
                    !self.ws.risks[i]
                        .acceptance
                        .as_ref()
                        .is_some_and(|a| a.is_due(self.today))
                });
            let patched = match (cache.as_mut(), entry) {
                (Some((generation, list)), Some(i)) if *generation == self.generation && plain => {
                    let list = Rc::make_mut(list);
                    let now = gaps::risk_gap(&self.ws, &self.ws.risks[i]);
                    let at = list.iter().position(|g| g.id == id);
                    let ok = match (now, at) {
                        (Some(g), Some(k)) => {
                            list[k] = g;
                            true
                        }
                        (None, Some(k)) => {
                            list.remove(k);
                            true
                        }
                        (None, None) => true,
                        (Some(g), None) => {
                            // After the open entries that come before it in the register.
                            let before: std::collections::HashSet<&str> =
                                self.ws.risks[..i].iter().map(|r| r.id.as_str()).collect();
                            match list.iter().position(|x| x.kind == gaps::GapKind::Risk) {
                                Some(first) => {
                                    let mut k = first;
                                    while k < list.len()
                                        && list[k].kind == gaps::GapKind::Risk
                                        && before.contains(list[k].id.as_str())
                                    {
                                        k += 1;
                                    }
                                    list.insert(k, g);
                                    true
                                }
                                None => false,
                            }
                        }
                    };
                    if ok {
                        *generation += 1;
                    }
                    ok
                }
                _ => false,
            };
            if !patched {
                *cache = None;
            }
        }
        self.changed();
    }

    /// A register change: the board is derived again (risks are few).
    pub(crate) fn risk_changed(&mut self) {
        *self.gap_cache.borrow_mut() = None;
        self.changed();
    }

    /// The gap is a project's member (or was, as the cached board has it).
    fn in_project(&self, id: &str) -> bool {
        self.ws
            .remediation
            .get(id)
            .is_some_and(|r| r.project.is_some())
            || self
                .gap_cache
                .borrow()
                .as_ref()
                .is_some_and(|(_, list)| list.iter().any(|g| g.id == id && g.project.is_some()))
    }

    pub(crate) fn is_risk(&self, id: &str) -> bool {
        self.ws.risks.iter().any(|r| r.id == id)
    }

    /// Marks `ws` as changed from outside the app's methods.
    pub fn touch(&mut self) {
        *self.gap_cache.borrow_mut() = None;
        self.changed();
    }
}

/// The risk analysis as the screens read it.
pub struct Analysis {
    pub state: crate::domain::analysis::State,
    /// How many register risks name each asset id.
    pub counts: std::collections::HashMap<String, usize>,
}
