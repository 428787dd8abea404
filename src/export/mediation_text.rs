//! The mediator's part of the text report: bridges, the deal, who stands
//! together, and the view from one seat.

use super::Text;
use super::words::{self, NOT_ADVICE};
use crate::outcome::Interval;
use crate::report::Report;
use crate::visible::Escaping;
use anstyle::Style;
use std::io::{self, Write};

pub(super) fn render(text: &Text, r: &Report, out: &mut Escaping) -> io::Result<()> {
    let bold = Style::new().bold();
    let bridged: Vec<_> = r.bridges().collect();
    if !bridged.is_empty() {
        text_line!(out)?;
        text.paint(out, bold, "bridges")?;
        text_line!(
            out,
            " ({})",
            NOT_ADVICE.to_lowercase().trim_end_matches('.')
        )?;
        let width = bridged
            .iter()
            .map(|(i, _)| words::width(&i.id))
            .max()
            .unwrap_or(0);
        for (issue, bridge) in &bridged {
            let proposals: Vec<String> = bridge
                .proposals
                .iter()
                .map(|p| words::proposal(r, issue, p))
                .collect();
            // The gap is the issue's, said before the proposals, whose own
            // words end each with who outside is against it.
            let gap = bridge
                .distance
                .map(|d| {
                    format!(
                        "gap {}; ",
                        words::bounds(&Interval::point(d.0), issue.unit.as_deref())
                    )
                })
                .unwrap_or_default();
            let id = words::pad(&issue.id, width);
            if let Some(order) = &bridge.order {
                text_line!(out, "  {id}  {}", super::order_words::order_bridge(order))?;
                continue;
            }
            text_line!(out, "  {id}  {gap}{}", proposals.join(" | "))?;
        }
    }
    let deal = &r.mediation.deal;
    if !deal.changes.is_empty() {
        text_line!(out)?;
        let how = if deal.exact {
            "the fewest, every combination of bridging proposals tried".to_owned()
        } else if deal.cut_short {
            format!(
                "the search was cut short after {} combinations, its work budget spent: the fewest found, not proven the fewest",
                deal.tried
            )
        } else {
            "greedy, issue by issue: not proven the fewest".to_owned()
        };
        text.paint(out, bold, "deal")?;
        let salience = if r.mediation.weighed {
            format!(", salience {},", deal.salience)
        } else {
            String::new()
        };
        text_line!(
            out,
            ": {} stance change{}{salience} would clear every conflict and block ({how}; {})",
            deal.stances,
            if deal.stances == 1 { "" } else { "s" },
            NOT_ADVICE.to_lowercase().trim_end_matches('.')
        )?;
        let mut party = None;
        for change in &deal.changes {
            if party != Some(&change.party) {
                if party.is_some() {
                    out.end_line()?;
                }
                write!(out, "  {}:", change.party)?;
                party = Some(&change.party);
            } else {
                write!(out, ";")?;
            }
            write!(out, " {}", words::deal_change(change))?;
        }
        text_line!(out)?;
    }
    if !r.pairs.is_empty() {
        text_line!(out)?;
        text.paint(
            out,
            bold,
            if r.mediation.weighed {
                "who stands together: agreement = overlap / (overlap + blocked + conflict), each issue weighed by the pair's mean salience (the pair's weight in brackets)"
            } else {
                "who stands together: agreement = overlap / (overlap + blocked + conflict)"
            },
        )?;
        text_line!(out)?;
        let ids: Vec<&str> = r.parties.iter().map(|p| p.id.as_str()).collect();
        let cells: Vec<Vec<String>> = (0..ids.len())
            .map(|k| {
                (0..ids.len())
                    .map(|l| {
                        if k == l {
                            "—".to_owned()
                        } else {
                            words::agreement_weighed(r.pair(k, l))
                        }
                    })
                    .collect()
            })
            .collect();
        let width = ids
            .iter()
            .map(|i| words::width(i))
            .chain(cells.iter().flatten().map(|c| words::width(c)))
            .max()
            .unwrap_or(0)
            .max(4);
        write!(out, "  {}", words::pad("", width))?;
        for id in &ids {
            write!(out, "  {}", words::pad_start(id, width))?;
        }
        text_line!(out)?;
        for (k, a) in ids.iter().enumerate() {
            write!(out, "  {}", words::pad(a, width))?;
            for cell in &cells[k] {
                write!(out, "  {}", words::pad_start(cell, width))?;
            }
            text_line!(out)?;
        }
        let groups: Vec<String> = r
            .mediation
            .coalitions
            .iter()
            .map(|g| g.join(", "))
            .collect();
        text_line!(
            out,
            "  groups (every pair {}): {}",
            words::group_rule(&r.mediation),
            if groups.is_empty() {
                "none".to_owned()
            } else {
                groups.join(" | ")
            }
        )?;
        for (party, partners) in &r.mediation.partners.0 {
            if partners.closest.is_empty() {
                continue;
            }
            let party = words::pad(party, width);
            let closest = words::and_list(&partners.closest);
            // Every partner it compares with ties: "closest X; furthest X"
            // would read as a slip.
            if partners.closest == partners.furthest {
                text_line!(out, "  {party}  closest and furthest alike: {closest}")?;
            } else {
                let furthest = words::and_list(&partners.furthest);
                text_line!(out, "  {party}  closest {closest}; furthest {furthest}")?;
            }
        }
    }
    if let Some(focus) = &r.mediation.focus {
        text_line!(out)?;
        let seat = format!("from {}'s seat", focus.party);
        let not_advice = NOT_ADVICE.to_lowercase();
        text.paint(out, bold, &seat)?;
        text_line!(out, " ({})", not_advice.trim_end_matches('.'))?;
        let list = |items: &[String]| {
            if items.is_empty() {
                "none".to_owned()
            } else {
                items.join(", ")
            }
        };
        text_line!(out, "  stands alone on: {}", list(&focus.alone))?;
        text_line!(out, "  partners: {}", list(&focus.partners))?;
        for rejected in &focus.rejected {
            let wants = words::outcomes(&rejected.wants, None, ", ");
            text_line!(
                out,
                "  {} accepts {wants} on {}; {} accepts none of that",
                rejected.partner,
                rejected.issue,
                focus.party
            )?;
        }
        // Said, as the Markdown and the HTML say it: silence here would
        // read as a section left out.
        if focus.moves.is_empty() {
            text_line!(out, "  cheapest move: {}", words::NO_MOVE)?;
        }
        for m in &focus.moves {
            let red = if m.red_line { " (its red line)" } else { "" };
            text_line!(
                out,
                "  cheapest move: {} to {} (move {}){red}",
                m.issue,
                words::required(None, &m.to),
                m.amount
            )?;
        }
        for o in &focus.offers {
            let Some(issue) = r.issue(&o.issue) else {
                continue;
            };
            let own = match o.within {
                Some(true) => format!("; {} could accept it", focus.party),
                Some(false) => format!("; {} could not accept it", focus.party),
                None => String::new(),
            };
            text_line!(
                out,
                "  can offer on {}: {} ({}){own}",
                o.issue,
                words::required(issue.unit.as_deref(), &o.to),
                words::asks(issue, &o.asks)
            )?;
        }
    }
    Ok(())
}
