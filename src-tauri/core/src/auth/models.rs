/// What a valid access token says about its character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedCharacter {
    pub character_id: i64,
    pub name: String,
    /// Changes when the character moves to another account.
    pub owner_hash: String,
    pub scopes: Vec<String>,
    /// Unix epoch milliseconds.
    pub expires_at_ms: i64,
}
