//! A project's members: everyone sees who holds which role; those who may manage members
//! add a person (or invite them) in a role, change a role and remove someone. Only the
//! roles the caller may grant are offered (`varig_types::grantable_roles`, the same table
//! the server enforces).

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{
    grantable_roles, may_change_role, may_grant, Grantor, Me, Membership, MembershipPatch, OrgRole,
    Project, ProjectRole, User,
};

use crate::api::{use_api, ApiError};
use crate::i18n::{role_key, use_i18n};
use crate::pages::admin::projects::{place, Placed, PlacedRow};
use crate::pages::invite::checked_email;
use crate::ui::{act, focus_id, Field, FieldError, Flash, FlashMessage};

/// What the caller stands on when granting roles in `project`.
pub fn grantors(project: &Project, me: Option<&Me>) -> Vec<Grantor> {
    let mut out = Vec::new();
    if me.is_some_and(|m| {
        m.org_role == Some(OrgRole::Admin) && m.organisation_id == Some(project.organisation_id)
    }) {
        out.push(Grantor::OrgAdmin);
    }
    if let Some(role) = project.my_role {
        out.push(Grantor::Project(role));
    }
    out
}

#[component]
pub fn MembersSection(project: Project, me: Option<Me>, members: Vec<Membership>) -> impl IntoView {
    let i18n = use_i18n();
    let grantors = grantors(&project, me.as_ref());
    let offered = if project.archived_at.is_some() {
        Vec::new()
    } else {
        grantable_roles(&grantors)
    };
    let manages = !offered.is_empty();
    let me_id = me.as_ref().map(|m| m.id);
    let flash = Flash::new();
    let list = RwSignal::new(
        members
            .into_iter()
            .filter(|m| m.archived_at.is_none())
            .collect::<Vec<_>>(),
    );
    let project_id = project.id;
    let api = use_api();
    let reload = Callback::new(move |()| {
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = api.current_members(project_id, None).await {
                let _ = list.try_set(
                    fresh
                        .into_iter()
                        .filter(|m| m.archived_at.is_none())
                        .collect(),
                );
            }
        });
    });
    let grantors = StoredValue::new(grantors);
    let offered_for_rows = offered.clone();
    view! {
        <section class="card" aria-labelledby="members-title">
            <h2 id="members-title">{move || i18n.t("project.members_heading")}</h2>
            <FlashMessage flash />
            <Show when=move || list.with(Vec::is_empty)>
                <p class="empty">{move || i18n.t("project.members_empty")}</p>
            </Show>
            <ul class="member-list">
                {move || {
                    let offered = offered_for_rows.clone();
                    list.get().into_iter().map(|m| {
                        let own = Some(m.user_id) == me_id;
                        let may_edit = !own && grantors.with_value(|g| may_grant(g, m.role));
                        view! { <MemberRow membership=m may_edit offered=offered.clone() grantors flash on_change=reload /> }
                    }).collect_view()
                }}
            </ul>
            {manages.then(|| view! { <AddMember project=project_id offered flash on_change=reload /> })}
        </section>
    }
}

#[component]
fn MemberRow(
    membership: Membership,
    may_edit: bool,
    offered: Vec<ProjectRole>,
    grantors: StoredValue<Vec<Grantor>>,
    flash: Flash,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let failed = RwSignal::new(None::<ApiError>);
    let role = membership.role;
    let name = membership.user_name.clone();
    let select_id = format!("member-role-{}", membership.id);
    let label_name = name.clone();
    let remove_name = name.clone();
    let id = membership.id;
    let stored = StoredValue::new(membership);
    // Roles this member may be moved to: those offered that the caller may change to.
    let targets: Vec<ProjectRole> = offered
        .into_iter()
        .filter(|to| grantors.with_value(|g| may_change_role(g, role, *to)))
        .collect();
    let change = move |ev: leptos::ev::Event| {
        let Some(to) = ProjectRole::parse(&event_target_value(&ev)) else {
            return;
        };
        if to == role {
            return;
        }
        let m = stored.get_value();
        act(
            async move {
                api.change_member_role(&m, &MembershipPatch { role: to })
                    .await
            },
            flash,
            "members.role_changed",
            |m| m.user_name,
            on_change,
            failed,
        );
    };
    let remove = move |_| {
        act(
            async move { api.remove_member(id).await },
            flash,
            "members.removed",
            |m| m.user_name,
            on_change,
            failed,
        );
    };
    view! {
        <li class="member">
            <span class="member-name">{name}</span>
            {if may_edit {
                view! {
                    <div class="field inline-field">
                        <label for=select_id.clone()>{move || i18n.tf("members.role_of", &[("name", &label_name)])}</label>
                        <select id=select_id on:change=change>
                            {targets.into_iter().map(|r| view! {
                                <option value=r.as_str() selected=r == role>{move || i18n.t(role_key(r))}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button
                        type="button"
                        class="danger"
                        aria-label=move || i18n.tf("members.remove_label", &[("name", &remove_name)])
                        on:click=remove
                    >
                        {move || i18n.t("members.remove")}
                    </button>
                }.into_any()
            } else {
                view! { <span class="member-role">{move || i18n.t(role_key(role))}</span> }.into_any()
            }}
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
        </li>
    }
}

/// Add someone by e-mail address in a role: a member at once if they have an account,
/// invited (with the link shown) if not.
#[component]
fn AddMember(
    project: Uuid,
    offered: Vec<ProjectRole>,
    flash: Flash,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let email = RwSignal::new(String::new());
    let email_error: FieldError = RwSignal::new(None);
    let role = RwSignal::new(offered.first().copied().unwrap_or(ProjectRole::ChangeAgent));
    let failed = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let done = RwSignal::new(None::<(ProjectRole, Placed)>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let address = match checked_email(&email.get_untracked()) {
            Ok(a) => a,
            Err(key) => {
                email_error.set(Some(key));
                focus_id("member-email");
                return;
            }
        };
        let chosen = role.get_untracked();
        pending.set(true);
        failed.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            let users: Vec<User> = api.users(None, false, None).await.unwrap_or_default();
            match place(api, &users, project, &address, chosen).await {
                Ok(placed) => {
                    if let Placed::Added { name } = &placed {
                        flash.show_with("members.added_flash", vec![("name", name.clone())]);
                    }
                    let _ = email.try_set(String::new());
                    let _ = done.try_set(Some((chosen, placed)));
                    on_change.run(());
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
            let _ = pending.try_set(false);
        });
    };
    view! {
        <form class="add-member" on:submit=on_submit novalidate=true aria-labelledby="add-member-title">
            <h3 id="add-member-title">{move || i18n.t("members.add")}</h3>
            <Field id="member-email" label="invite.email" hint="members.add_hint" value=email error=email_error input_type="email" autocomplete="off" />
            <div class="field">
                <label for="member-role">{move || i18n.t("members.role")}</label>
                <select id="member-role" on:change=move |ev| {
                    if let Some(r) = ProjectRole::parse(&event_target_value(&ev)) {
                        role.set(r);
                    }
                }>
                    {offered.into_iter().map(|r| view! {
                        <option value=r.as_str() prop:selected=move || role.get() == r>{move || i18n.t(role_key(r))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <button type="submit" class="primary" aria-disabled=move || pending.get().then_some("true")>
                {move || i18n.t("members.add_submit")}
            </button>
        </form>
        <ul class="member-list">
            {move || done.get().map(|(r, p)| view! { <PlacedRow role=r placed=p /> })}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use varig_types::{Phase, ProjectState};

    fn project(role: Option<ProjectRole>) -> Project {
        let org = Uuid::from_u128(1);
        serde_json::from_value(serde_json::json!({
            "id": Uuid::from_u128(2),
            "organisation_id": org,
            "programme_id": Uuid::from_u128(3),
            "name": "BTI",
            "description": "",
            "phase": Phase::Prepare,
            "state": ProjectState::Active,
            "my_role": role,
            "created_at": DateTime::<Utc>::UNIX_EPOCH,
            "updated_at": DateTime::<Utc>::UNIX_EPOCH,
            "version": 1
        }))
        .expect("a project")
    }

    #[test]
    fn a_leader_is_offered_change_agents_only_and_an_org_admin_every_role() {
        let leader = project(Some(ProjectRole::Leader));
        assert_eq!(
            grantable_roles(&grantors(&leader, None)),
            vec![ProjectRole::ChangeAgent]
        );
        let admin = Me {
            id: Uuid::nil(),
            email: "a@b.no".into(),
            name: "A".into(),
            organisation_id: Some(Uuid::from_u128(1)),
            org_role: Some(OrgRole::Admin),
            system_admin: false,
            memberships: vec![],
        };
        assert_eq!(
            grantable_roles(&grantors(&project(None), Some(&admin))),
            ProjectRole::ALL.to_vec()
        );
        assert!(
            grantable_roles(&grantors(&project(Some(ProjectRole::ChangeAgent)), None)).is_empty()
        );
    }
}
