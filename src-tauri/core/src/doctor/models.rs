/// One thing the check learnt: what was asked, and what came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `sso.metadata`, `esi.skills`, …
    pub what: String,
    pub said: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DoctorReport {
    pub findings: Vec<Finding>,
}

impl DoctorReport {
    pub(crate) fn note(&mut self, what: impl Into<String>, said: impl Into<String>) {
        self.findings.push(Finding {
            what: what.into(),
            said: said.into(),
        });
    }

    /// What a finding about `what` said, if there is one.
    pub fn said(&self, what: &str) -> Option<&str> {
        self.findings
            .iter()
            .find(|f| f.what == what)
            .map(|f| f.said.as_str())
    }
}
