//! Sparklines: a dozen cells that show whether a figure is high or low for this unit.

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One cell per period, scaled from zero to the highest figure; a period with nothing
/// reported is a blank cell, so a gap is never read as a zero. All blank when nothing was
/// reported at all.
pub fn sparkline(values: &[Option<u64>]) -> String {
    if values.iter().all(Option::is_none) {
        return String::new();
    }
    let top = values.iter().flatten().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if top == 0 => LEVELS[0],
            Some(x) => {
                let step = (x * (LEVELS.len() as u64 - 1) + top / 2) / top;
                LEVELS[step as usize]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::sparkline;

    #[test]
    fn scales_from_zero_to_the_highest_and_leaves_gaps_blank() {
        assert_eq!(sparkline(&[Some(0), Some(7), None, Some(14)]), "▁▅ █");
        assert_eq!(sparkline(&[Some(1), Some(2), Some(3), Some(4)]), "▃▅▆█");
        assert_eq!(sparkline(&[Some(0), Some(0)]), "▁▁");
        assert_eq!(sparkline(&[None, None]), "");
    }
}
