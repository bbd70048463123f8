//! The ESI routes the simulator serves: one table entry per operation of CCP's spec
//! (its path template, method, `x-cache-age`, `x-rate-limit` group, scope and required
//! role), each with the function that renders its body from the world. The router, the
//! spec test and the spec extract all read [`ROUTES`]; a new route is one entry here.

use serde_json::{json, Value};

use super::EsiRequest;
use crate::clock::rfc3339;
use crate::colony::{Colony, Pin};
use crate::world::{Character, Job, World};

/// A route's body from the world at `now`, or the error ESI would answer.
pub type Render = fn(&World, &EsiRequest, i64) -> Result<Value, (u16, String)>;

/// What the spec says about a route, and how the simulator answers it.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// The name faults and the request log use (`esi.skills`).
    pub name: &'static str,
    /// The spec's method key: `get` or `post`.
    pub method: &'static str,
    /// The spec's path template (`/characters/{character_id}/skills`).
    pub path: &'static str,
    pub cache_secs: Option<i64>,
    /// The instant of each day (seconds after 00:00 UTC) the answer expires, for routes
    /// whose spec says "This route expires daily at 11:05" instead of an `x-cache-age`.
    pub expires_daily_at: Option<i64>,
    pub group: Option<(&'static str, i64)>,
    pub scope: Option<&'static str>,
    pub role: Option<&'static str>,
    pub paged: bool,
    pub render: Render,
}

impl Route {
    const fn get(name: &'static str, path: &'static str, render: Render) -> Self {
        Self {
            name,
            method: "get",
            path,
            cache_secs: None,
            expires_daily_at: None,
            group: None,
            scope: None,
            role: None,
            paged: false,
            render,
        }
    }

    const fn post(name: &'static str, path: &'static str, render: Render) -> Self {
        Self {
            method: "post",
            ..Self::get(name, path, render)
        }
    }

    const fn cached(self, secs: i64) -> Self {
        Self {
            cache_secs: Some(secs),
            ..self
        }
    }

    const fn expires_daily_at(self, hour: i64, minute: i64) -> Self {
        Self {
            expires_daily_at: Some(hour * 3600 + minute * 60),
            ..self
        }
    }

    const fn group(self, group: &'static str, max_tokens: i64) -> Self {
        Self {
            group: Some((group, max_tokens)),
            ..self
        }
    }

    const fn scope(self, scope: &'static str) -> Self {
        Self {
            scope: Some(scope),
            ..self
        }
    }

    const fn role(self, role: &'static str) -> Self {
        Self {
            role: Some(role),
            ..self
        }
    }

    const fn paged(self) -> Self {
        Self {
            paged: true,
            ..self
        }
    }
}

pub const ONLINE: Route = Route::get("esi.online", "/characters/{character_id}/online", online)
    .cached(60)
    .group("char-location", 1200)
    .scope("esi-location.read_online.v1");
pub const SKILLS: Route = Route::get("esi.skills", "/characters/{character_id}/skills", skills)
    .cached(60)
    .group("char-detail", 600)
    .scope("esi-skills.read_skills.v1");
pub const SKILLQUEUE: Route = Route::get(
    "esi.skillqueue",
    "/characters/{character_id}/skillqueue",
    skillqueue,
)
.cached(60)
.group("char-detail", 600)
.scope("esi-skills.read_skillqueue.v1");
pub const ATTRIBUTES: Route = Route::get(
    "esi.attributes",
    "/characters/{character_id}/attributes",
    attributes,
)
.cached(120)
.group("char-detail", 600)
.scope("esi-skills.read_skills.v1");
pub const CLONES: Route = Route::get("esi.clones", "/characters/{character_id}/clones", clones)
    .cached(120)
    .group("char-location", 1200)
    .scope("esi-clones.read_clones.v1");
pub const IMPLANTS: Route = Route::get(
    "esi.implants",
    "/characters/{character_id}/implants",
    implants,
)
.cached(120)
.group("char-detail", 600)
.scope("esi-clones.read_implants.v1");
pub const FATIGUE: Route = Route::get("esi.fatigue", "/characters/{character_id}/fatigue", fatigue)
    .cached(300)
    .group("char-location", 1200)
    .scope("esi-characters.read_fatigue.v1");
/// Not paged, no rate-limit group in CCP's spec (2026-08-18 compatibility date).
pub const ORDERS: Route = Route::get("esi.orders", "/characters/{character_id}/orders", orders)
    .cached(1200)
    .scope("esi-markets.read_character_orders.v1");
pub const ORDER_HISTORY: Route = Route::get(
    "esi.order_history",
    "/characters/{character_id}/orders/history",
    order_history,
)
.cached(3600)
.scope("esi-markets.read_character_orders.v1")
.paged();
pub const CONTRACTS: Route = Route::get(
    "esi.contracts",
    "/characters/{character_id}/contracts",
    contracts,
)
.cached(300)
.group("char-contract", 600)
.scope("esi-contracts.read_character_contracts.v1")
.paged();
pub const CONTRACT_ITEMS: Route = Route::get(
    "esi.contract_items",
    "/characters/{character_id}/contracts/{contract_id}/items",
    contract_items,
)
.cached(3600)
.group("char-contract", 600)
.scope("esi-contracts.read_character_contracts.v1");
pub const CHAR_JOBS: Route = Route::get(
    "esi.character_jobs",
    "/characters/{character_id}/industry/jobs",
    character_jobs,
)
.cached(300)
.group("char-industry", 600)
.scope("esi-industry.read_character_jobs.v1");
pub const CORP_JOBS: Route = Route::get(
    "esi.corporation_jobs",
    "/corporations/{corporation_id}/industry/jobs",
    corporation_jobs,
)
.cached(300)
.group("corp-industry", 600)
.scope("esi-industry.read_corporation_jobs.v1")
.role("Factory_Manager")
.paged();
pub const ROLES: Route = Route::get("esi.roles", "/characters/{character_id}/roles", roles)
    .cached(3600)
    .group("char-detail", 600)
    .scope("esi-characters.read_corporation_roles.v1");
pub const CHARACTER: Route =
    Route::get("esi.character", "/characters/{character_id}", character).cached(86_400);
pub const AFFILIATION: Route =
    Route::post("esi.affiliation", "/characters/affiliation", affiliation).cached(3600);
pub const NAMES: Route = Route::post("esi.names", "/universe/names", names);
pub const STATUS: Route = Route::get("esi.status", "/status", status)
    .cached(30)
    .group("status", 600);
pub const COLONIES: Route = Route::get(
    "esi.colonies",
    "/characters/{character_id}/planets",
    colonies,
)
.cached(600)
.group("char-industry", 600)
.scope("esi-planets.manage_planets.v1");
pub const COLONY_LAYOUT: Route = Route::get(
    "esi.colony_layout",
    "/characters/{character_id}/planets/{planet_id}",
    colony_layout,
)
.cached(600)
.group("char-industry", 600)
.scope("esi-planets.manage_planets.v1");
pub const PLANET: Route =
    Route::get("esi.planet", "/universe/planets/{planet_id}", planet).expires_daily_at(11, 5);

/// Every ESI route the simulator serves.
pub const ROUTES: &[Route] = &[
    ONLINE,
    SKILLS,
    SKILLQUEUE,
    ATTRIBUTES,
    CLONES,
    IMPLANTS,
    FATIGUE,
    ORDERS,
    ORDER_HISTORY,
    CONTRACTS,
    CONTRACT_ITEMS,
    CHAR_JOBS,
    CORP_JOBS,
    ROLES,
    CHARACTER,
    AFFILIATION,
    NAMES,
    STATUS,
    COLONIES,
    COLONY_LAYOUT,
    PLANET,
];

/// Every scope a served route needs, once each.
pub fn scopes() -> Vec<&'static str> {
    let mut scopes: Vec<&'static str> = Vec::new();
    for scope in ROUTES.iter().filter_map(|r| r.scope) {
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    scopes
}

type Rendered = Result<Value, (u16, String)>;

fn character_of<'w>(world: &'w World, req: &EsiRequest) -> Result<&'w Character, (u16, String)> {
    world
        .characters
        .get(&req.owner_id())
        .ok_or((404, "Character not found".to_owned()))
}

fn online(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    let c = character_of(world, req)?;
    Ok(
        json!({ "online": c.online, "last_login": rfc3339(c.last_login_ms), "last_logout": rfc3339(c.last_logout_ms), "logins": c.logins }),
    )
}

fn skills(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    let c = character_of(world, req)?;
    let mut v = json!({
        "skills": c.skills.iter().map(|s| json!({"skill_id": s.skill_id, "skillpoints_in_skill": s.skillpoints_in_skill, "trained_skill_level": s.trained_skill_level, "active_skill_level": s.active_skill_level})).collect::<Vec<_>>(),
        "total_sp": c.skills.iter().map(|s| s.skillpoints_in_skill).sum::<i64>(),
    });
    if let Some(u) = c.unallocated_sp {
        v["unallocated_sp"] = json!(u);
    }
    Ok(v)
}

fn skillqueue(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    let c = character_of(world, req)?;
    Ok(Value::Array(
        c.queue
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let mut v = json!({"skill_id": q.skill_id, "finished_level": q.finished_level, "queue_position": i, "level_start_sp": q.level_start_sp, "level_end_sp": q.level_end_sp, "training_start_sp": q.training_start_sp});
                if let (Some(s), Some(f)) = (q.start_ms, q.finish_ms) {
                    v["start_date"] = json!(rfc3339(s));
                    v["finish_date"] = json!(rfc3339(f));
                }
                v
            })
            .collect(),
    ))
}

/// The remap dates only for a character who remapped: ESI leaves them out otherwise.
fn attributes(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    let a = &character_of(world, req)?.attributes;
    let mut v = json!({
        "charisma": a.charisma,
        "intelligence": a.intelligence,
        "memory": a.memory,
        "perception": a.perception,
        "willpower": a.willpower,
        "bonus_remaps": a.bonus_remaps,
    });
    if let Some(at) = a.last_remap_ms {
        v["last_remap_date"] = json!(rfc3339(at));
    }
    if let Some(at) = a.accrued_remap_cooldown_ms {
        v["accrued_remap_cooldown_date"] = json!(rfc3339(at));
    }
    Ok(v)
}

/// Station ids are below 100,000,000; structures' are far above (the client should go by
/// the id: esi/esi-issues#1184 saw "station" for a structure). A jump clone's `name` is
/// left out, as ESI has for years (esi/esi-issues#1305); the dates only once they exist.
fn clones(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    let c = &character_of(world, req)?.clones;
    let kind = |id: i64| {
        if id < 100_000_000 {
            "station"
        } else {
            "structure"
        }
    };
    let mut v = json!({
        "jump_clones": c.jump_clones.iter().map(|j| json!({
            "jump_clone_id": j.jump_clone_id,
            "location_id": j.location_id,
            "location_type": kind(j.location_id),
            "implants": j.implants,
        })).collect::<Vec<_>>(),
    });
    if let Some(home) = c.home_location_id {
        v["home_location"] = json!({ "location_id": home, "location_type": kind(home) });
    }
    if let Some(at) = c.last_clone_jump_ms {
        v["last_clone_jump_date"] = json!(rfc3339(at));
    }
    if let Some(at) = c.last_station_change_ms {
        v["last_station_change_date"] = json!(rfc3339(at));
    }
    Ok(v)
}

fn implants(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    Ok(json!(character_of(world, req)?.clones.implants))
}

/// Every field is optional in the spec: a character never fatigued gets `{}`.
fn fatigue(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    let c = &character_of(world, req)?.clones;
    let mut v = json!({});
    if let Some(at) = c.fatigue_expires_ms {
        v["jump_fatigue_expire_date"] = json!(rfc3339(at));
    }
    if let Some(at) = c.last_jump_ms {
        v["last_jump_date"] = json!(rfc3339(at));
        v["last_update_date"] = json!(rfc3339(at));
    }
    Ok(v)
}

fn order_json(o: &crate::world::MarketOrder) -> Value {
    let mut v = json!({
        "duration": o.duration_days,
        "is_corporation": o.is_corporation,
        "issued": rfc3339(o.issued_ms),
        "location_id": o.location_id,
        "order_id": o.order_id,
        "price": o.price,
        "range": o.range,
        "region_id": o.region_id,
        "type_id": o.type_id,
        "volume_remain": o.volume_remain,
        "volume_total": o.volume_total,
    });
    // ESI leaves `is_buy_order` out of sell orders; escrow and min_volume are a buy
    // order's.
    if o.is_buy {
        v["is_buy_order"] = json!(true);
        v["escrow"] = json!(o.price * o.volume_remain as f64);
        v["min_volume"] = json!(1);
    }
    v
}

/// Open orders only: a filled, cancelled or expired order just leaves the list.
fn orders(world: &World, req: &EsiRequest, now: i64) -> Rendered {
    let c = character_of(world, req)?;
    Ok(Value::Array(
        c.orders
            .iter()
            .filter(|o| o.is_open(now))
            .map(order_json)
            .collect(),
    ))
}

/// Orders that ended in the last 90 days, with `state` (a filled one is `expired` with
/// nothing remaining).
fn order_history(world: &World, req: &EsiRequest, now: i64) -> Rendered {
    let c = character_of(world, req)?;
    Ok(Value::Array(
        c.orders
            .iter()
            .filter(|o| !o.is_open(now) && o.issued_ms > now - 180 * crate::world::DAY_MS)
            .map(|o| {
                let mut v = order_json(o);
                v["state"] = json!(o.closed.as_deref().unwrap_or("expired"));
                v
            })
            .collect(),
    ))
}

/// The contracts a character issued, accepted or was assigned, no older than 30 days
/// unless in progress (the spec); deleted ones are listed too (as the real server does).
/// An outstanding contract stays `outstanding` after its expiry (esi/esi-issues#1153).
fn listed(
    world: &World,
    character_id: i64,
    now: i64,
) -> impl Iterator<Item = &crate::world::Contract> {
    world.contracts.iter().filter(move |c| {
        (c.issuer_id == character_id
            || c.acceptor_id == character_id
            || c.assignee_id == character_id)
            && (c.issued_ms > now - 30 * crate::world::DAY_MS || c.status == "in_progress")
    })
}

fn contracts(world: &World, req: &EsiRequest, now: i64) -> Rendered {
    let character = character_of(world, req)?;
    Ok(Value::Array(
        listed(world, character.id, now)
            .map(|c| {
                let mut v = json!({
                    "acceptor_id": c.acceptor_id,
                    "assignee_id": c.assignee_id,
                    "availability": if c.assignee_id == 0 { "public" } else { "personal" },
                    "contract_id": c.contract_id,
                    "date_expired": rfc3339(c.expires_ms),
                    "date_issued": rfc3339(c.issued_ms),
                    "for_corporation": c.for_corporation,
                    "issuer_corporation_id": c.issuer_corporation_id,
                    "issuer_id": c.issuer_id,
                    "status": c.status,
                    "type": c.kind,
                    "volume": c.volume,
                });
                if !c.title.is_empty() {
                    v["title"] = json!(c.title);
                }
                if let Some(at) = c.accepted_ms {
                    v["date_accepted"] = json!(rfc3339(at));
                }
                if let Some(at) = c.completed_ms {
                    v["date_completed"] = json!(rfc3339(at));
                }
                if c.kind == "courier" {
                    v["days_to_complete"] = json!(c.days_to_complete);
                    v["reward"] = json!(c.reward);
                    v["collateral"] = json!(c.collateral);
                    v["start_location_id"] = json!(c.start_location_id);
                    v["end_location_id"] = json!(c.end_location_id);
                } else {
                    v["price"] = json!(c.price);
                    v["start_location_id"] = json!(c.start_location_id);
                    v["end_location_id"] = json!(c.end_location_id);
                }
                v
            })
            .collect(),
    ))
}

/// A listed contract's items; a courier's are `[]` (esi/esi-issues#697); a contract not
/// listed (too old, deleted, someone else's) is not found.
fn contract_items(world: &World, req: &EsiRequest, now: i64) -> Rendered {
    let character = character_of(world, req)?;
    let id = req.param("contract_id").unwrap_or_default();
    let c = listed(world, character.id, now)
        .find(|c| c.contract_id == id && c.status != "deleted")
        .ok_or((404, "Contract not found".to_owned()))?;
    if c.kind == "courier" {
        return Ok(json!([]));
    }
    Ok(Value::Array(
        c.items
            .iter()
            .enumerate()
            .map(|(i, (type_id, quantity, included))| {
                json!({
                    "is_included": included,
                    "is_singleton": false,
                    "quantity": quantity,
                    "record_id": c.contract_id * 10 + i as i64,
                    "type_id": type_id,
                })
            })
            .collect(),
    ))
}

/// The jobs ESI lists: active, paused and ready ones, and the finished ones of the last
/// 90 days only with `include_completed=true`.
fn jobs(jobs: &[Job], req: &EsiRequest, corporation: bool) -> Value {
    let include_completed = req
        .query
        .get("include_completed")
        .is_some_and(|v| v == "true");
    Value::Array(
        jobs.iter()
            .filter(|j| {
                include_completed || matches!(j.status.as_str(), "active" | "paused" | "ready")
            })
            .map(|j| job_json(j, corporation))
            .collect(),
    )
}

fn character_jobs(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    Ok(jobs(&character_of(world, req)?.jobs, req, false))
}

fn corporation_jobs(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    let corp = world
        .corporations
        .get(&req.owner_id())
        .ok_or((404, "Corporation not found".to_owned()))?;
    Ok(jobs(&corp.jobs, req, true))
}

fn roles(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    Ok(json!({ "roles": character_of(world, req)?.roles }))
}

fn character(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    let c = character_of(world, req)?;
    Ok(
        json!({"achievement_score": 1200, "birthday": rfc3339(c.birthday_ms), "bloodline_id": 1, "corporation_id": c.corporation_id, "gender": "female", "name": c.name, "race_id": 1, "security_status": 1.5}),
    )
}

fn affiliation(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    let ids = ids_body(req)?;
    let found: Vec<Value> = ids
        .iter()
        .filter_map(|i| world.characters.get(i))
        .map(|c| json!({"character_id": c.id, "corporation_id": c.corporation_id}))
        .collect();
    if found.is_empty() {
        return Err((404, "No characters found".into()));
    }
    Ok(Value::Array(found))
}

fn names(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    let ids = ids_body(req)?;
    let mut out = Vec::with_capacity(ids.len());
    for i in ids {
        // As ESI: one unknown id fails the whole batch.
        let (category, name) = world
            .names
            .get(&i)
            .ok_or((404, "Ensure all IDs are valid before resolving.".to_owned()))?;
        out.push(json!({"category": category, "id": i, "name": name}));
    }
    Ok(Value::Array(out))
}

fn status(world: &World, _req: &EsiRequest, _now: i64) -> Rendered {
    Ok(
        json!({"players": world.players, "server_version": "2981221", "start_time": rfc3339(world.server_start_ms), "vip": false}),
    )
}

/// The character's colonies: the list ESI gives (all seven fields on each).
fn colonies(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    let c = character_of(world, req)?;
    Ok(Value::Array(
        c.colonies
            .iter()
            .map(|colony| {
                json!({
                    "last_update": rfc3339(colony.last_update_ms),
                    "num_pins": colony.pins.len(),
                    "owner_id": c.id,
                    "planet_id": colony.planet_id,
                    "planet_type": colony.planet_type,
                    "solar_system_id": colony.solar_system_id,
                    "upgrade_level": colony.upgrade_level,
                })
            })
            .collect(),
    ))
}

/// One colony's layout as of its last recalculation: links, pins, routes.
fn colony_layout(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    let c = character_of(world, req)?;
    let planet_id = req.param("planet_id").unwrap_or_default();
    let colony = c
        .colonies
        .iter()
        .find(|colony| colony.planet_id == planet_id)
        .ok_or((404, "Colony not found".to_owned()))?;
    Ok(layout_json(colony))
}

fn planet(world: &World, req: &EsiRequest, _now: i64) -> Rendered {
    let planet_id = req.param("planet_id").unwrap_or_default();
    let p = world
        .planets
        .get(&planet_id)
        .ok_or((404, "Planet not found".to_owned()))?;
    Ok(json!({
        "name": p.name,
        "planet_id": p.planet_id,
        "position": {"x": p.position[0], "y": p.position[1], "z": p.position[2]},
        "system_id": p.system_id,
        "type_id": p.type_id,
    }))
}

fn layout_json(colony: &Colony) -> Value {
    json!({
        "links": colony.links.iter().map(|l| json!({
            "destination_pin_id": l.destination_pin_id,
            "link_level": l.link_level,
            "source_pin_id": l.source_pin_id,
        })).collect::<Vec<_>>(),
        "pins": colony.pins.iter().map(pin_json).collect::<Vec<_>>(),
        "routes": colony.routes.iter().map(|r| {
            let mut v = json!({
                "content_type_id": r.content_type_id,
                "destination_pin_id": r.destination_pin_id,
                "quantity": r.quantity,
                "route_id": r.route_id,
                "source_pin_id": r.source_pin_id,
            });
            if !r.waypoints.is_empty() {
                v["waypoints"] = json!(r.waypoints);
            }
            v
        }).collect::<Vec<_>>(),
    })
}

/// A pin: the four required fields, and the optional ones it has.
fn pin_json(p: &Pin) -> Value {
    let mut v = json!({
        "latitude": p.latitude,
        "longitude": p.longitude,
        "pin_id": p.pin_id,
        "type_id": p.type_id,
    });
    let times = [
        ("install_time", p.install_ms),
        ("expiry_time", p.expiry_ms),
        ("last_cycle_start", p.last_cycle_start_ms),
    ];
    for (name, ms) in times {
        if let Some(ms) = ms {
            v[name] = json!(rfc3339(ms));
        }
    }
    if let Some(schematic_id) = p.schematic_id {
        v["schematic_id"] = json!(schematic_id);
        if p.factory_details {
            v["factory_details"] = json!({ "schematic_id": schematic_id });
        }
    }
    if let Some(e) = &p.extractor {
        let heads: Vec<Value> = e
            .heads
            .iter()
            .map(
                |h| json!({"head_id": h.head_id, "latitude": h.latitude, "longitude": h.longitude}),
            )
            .collect();
        let mut details = json!({ "heads": heads });
        if let Some(program) = e.program {
            details["cycle_time"] = json!(program.cycle_time_s);
            details["head_radius"] = json!(program.head_radius);
            details["product_type_id"] = json!(program.product_type_id);
            details["qty_per_cycle"] = json!(program.qty_per_cycle);
        }
        v["extractor_details"] = details;
    }
    if let Some(contents) = &p.contents {
        v["contents"] = json!(contents
            .iter()
            .map(|c| json!({"amount": c.amount, "type_id": c.type_id}))
            .collect::<Vec<_>>());
    }
    v
}

fn job_json(j: &Job, corporation: bool) -> Value {
    let mut v = json!({
        "activity_id": j.activity_id,
        "blueprint_id": j.blueprint_id,
        "blueprint_location_id": j.facility_id,
        "blueprint_type_id": j.blueprint_type_id,
        "cost": j.cost,
        "duration": (j.end_ms - j.start_ms) / 1000,
        "end_date": rfc3339(j.end_ms),
        "facility_id": j.facility_id,
        "installer_id": j.installer_id,
        "job_id": j.job_id,
        "licensed_runs": j.runs,
        "output_location_id": j.facility_id,
        "product_type_id": j.product_type_id,
        "runs": j.runs,
        "start_date": rfc3339(j.start_ms),
        "status": j.status,
    });
    v[if corporation {
        "location_id"
    } else {
        "station_id"
    }] = json!(j.facility_id);
    v
}

fn ids_body(req: &EsiRequest) -> Result<Vec<i64>, (u16, String)> {
    let ids: Vec<i64> = serde_json::from_slice(&req.body)
        .map_err(|_| (400, "Body must be a JSON array of integers".to_owned()))?;
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    if ids.is_empty() || ids.len() > 1000 || unique.len() != ids.len() {
        return Err((400, "Between 1 and 1000 unique ids are required".into()));
    }
    Ok(ids)
}
