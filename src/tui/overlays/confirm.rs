//! Yes/no questions drawn over the screen (quit with unsaved edits, delete a risk, an outside change).

use crate::tui::prelude::*;

pub(crate) fn draw_confirm(f: &mut Frame, t: &Theme, area: Rect, title: &str, lines: &[String]) {
    let boxed = centered(area, 80, lines.len() as u16 + 2);
    f.render_widget(Clear, boxed);
    let text: Vec<Line> = lines.iter().map(|l| Line::from(l.clone())).collect();
    f.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(format!(" {title} "))
                .border_style(t.warn()),
        ),
        boxed,
    );
}
