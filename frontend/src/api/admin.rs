//! Taking Varig into use: organisations, people, invitations, programmes, projects and
//! project members, and the caller's own account. Lists are read fresh (the pages that
//! show them are for setting things up, online); writes need the network.

use serde::de::DeserializeOwned;
use uuid::Uuid;
use varig_types::{
    AcceptInvitation, ApiToken, ApiTokenCreated, ApiTokenPage, AuditEntry, AuditPage, CalendarFeed,
    CalendarFeedInput, ChangePasswordRequest, Invitation, InvitationCreated, InvitationPage,
    InvitationPreview, InvitationToken, Membership, MembershipPatch, NewApiToken, NewInvitation,
    NewMembership, NewOrganisation, NewProgramme, NewProject, Organisation, OrganisationPage,
    OrganisationPatch, Programme, ProgrammePage, ProgrammePatch, Project, TokenPair, User,
    UserPage, UserPatch,
};
use web_sys::AbortSignal;

use super::{clear_cache, decode, send, to_json, Api, ApiError, Session};

/// Lists here never have more than this many pages of 100.
const MAX_ADMIN_PAGES: usize = 50;

impl Api {
    pub(super) async fn get_fresh<T: DeserializeOwned>(
        &self,
        path: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<T, ApiError> {
        let body = self.authed_raw("GET", path, None, abort).await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }

    /// Every item of a cursor-paged list, read fresh; `base` may carry a query already.
    pub(super) async fn all_fresh<P: DeserializeOwned, T>(
        &self,
        base: &str,
        abort: Option<&AbortSignal>,
        split: impl Fn(P) -> (Vec<T>, Option<String>),
    ) -> Result<Vec<T>, ApiError> {
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        let glue = if base.contains('?') { '&' } else { '?' };
        for _ in 0..MAX_ADMIN_PAGES {
            let mut path = format!("{base}{glue}limit=100");
            if let Some(c) = &cursor {
                path.push_str("&cursor=");
                path.push_str(&String::from(js_sys::encode_uri_component(c)));
            }
            let page: P = self.get_fresh(&path, abort).await?;
            let (items, next) = split(page);
            all.extend(items);
            match next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        Ok(all)
    }

    async fn send_json<T: DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        body: &str,
        version: Option<i64>,
    ) -> Result<T, ApiError> {
        let if_match = version.map(|v| format!("\"{v}\""));
        let body = self
            .authed_request(method, path, Some(body), if_match.as_deref(), None)
            .await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }

    async fn post_empty<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let body = self.authed_raw("POST", path, None, None).await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }

    // --- organisations (system administrator) ---

    pub async fn organisations(
        &self,
        include_archived: bool,
        abort: Option<AbortSignal>,
    ) -> Result<Vec<Organisation>, ApiError> {
        self.all_fresh(
            &format!("/api/v1/organisations?include_archived={include_archived}"),
            abort.as_ref(),
            |p: OrganisationPage| (p.items, p.next_cursor),
        )
        .await
    }

    pub async fn organisation(
        &self,
        id: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<Organisation, ApiError> {
        self.get_fresh(&format!("/api/v1/organisations/{id}"), abort.as_ref())
            .await
    }

    pub async fn create_organisation(&self, name: String) -> Result<Organisation, ApiError> {
        self.send_json(
            "POST",
            "/api/v1/organisations",
            &to_json(&NewOrganisation { name })?,
            None,
        )
        .await
    }

    pub async fn rename_organisation(
        &self,
        org: &Organisation,
        name: String,
    ) -> Result<Organisation, ApiError> {
        self.send_json(
            "PATCH",
            &format!("/api/v1/organisations/{}", org.id),
            &to_json(&OrganisationPatch { name: Some(name) })?,
            Some(org.version),
        )
        .await
    }

    pub async fn archive_organisation(&self, id: Uuid) -> Result<Organisation, ApiError> {
        self.post_empty(&format!("/api/v1/organisations/{id}/archive"))
            .await
    }

    // --- invitations ---

    /// Invitations of the caller's organisation (a system administrator names one).
    pub async fn invitations(
        &self,
        organisation: Option<Uuid>,
        abort: Option<AbortSignal>,
    ) -> Result<Vec<Invitation>, ApiError> {
        let base = match organisation {
            Some(org) => format!("/api/v1/invitations?organisation_id={org}"),
            None => "/api/v1/invitations".to_owned(),
        };
        self.all_fresh(&base, abort.as_ref(), |p: InvitationPage| {
            (p.items, p.next_cursor)
        })
        .await
    }

    pub async fn invite(&self, invitation: &NewInvitation) -> Result<InvitationCreated, ApiError> {
        self.send_json("POST", "/api/v1/invitations", &to_json(invitation)?, None)
            .await
    }

    pub async fn revoke_invitation(&self, id: Uuid) -> Result<Invitation, ApiError> {
        self.post_empty(&format!("/api/v1/invitations/{id}/revoke"))
            .await
    }

    /// What an invitation offers (no login: the token is the proof).
    pub async fn preview_invitation(&self, token: String) -> Result<InvitationPreview, ApiError> {
        let body = to_json(&InvitationToken { token })?;
        let raw = send(
            "POST",
            "/api/v1/invitations/preview",
            Some(&body),
            None,
            None,
            None,
        )
        .await?;
        decode(raw)
    }

    /// Creates the account and logs it in.
    pub async fn accept_invitation(
        &self,
        token: String,
        name: String,
        password: String,
    ) -> Result<(), ApiError> {
        let body = to_json(&AcceptInvitation {
            token,
            name,
            password,
        })?;
        let raw = send(
            "POST",
            "/api/v1/invitations/accept",
            Some(&body),
            None,
            None,
            None,
        )
        .await?;
        let tokens: TokenPair = decode(raw)?;
        clear_cache();
        self.store(Some(Session::new(tokens)));
        Ok(())
    }

    // --- people ---

    /// The people of the caller's organisation (a system administrator names one).
    pub async fn users(
        &self,
        organisation: Option<Uuid>,
        include_archived: bool,
        abort: Option<AbortSignal>,
    ) -> Result<Vec<User>, ApiError> {
        let mut base = format!("/api/v1/users?include_archived={include_archived}");
        if let Some(org) = organisation {
            base.push_str(&format!("&organisation_id={org}"));
        }
        self.all_fresh(&base, abort.as_ref(), |p: UserPage| {
            (p.items, p.next_cursor)
        })
        .await
    }

    pub async fn update_user(&self, user: &User, patch: &UserPatch) -> Result<User, ApiError> {
        self.send_json(
            "PATCH",
            &format!("/api/v1/users/{}", user.id),
            &to_json(patch)?,
            Some(user.version),
        )
        .await
    }

    pub async fn archive_user(&self, id: Uuid) -> Result<User, ApiError> {
        self.post_empty(&format!("/api/v1/users/{id}/archive"))
            .await
    }

    // --- programmes ---

    pub async fn programmes(
        &self,
        include_archived: bool,
        abort: Option<AbortSignal>,
    ) -> Result<Vec<Programme>, ApiError> {
        self.all_fresh(
            &format!("/api/v1/programmes?include_archived={include_archived}"),
            abort.as_ref(),
            |p: ProgrammePage| (p.items, p.next_cursor),
        )
        .await
    }

    pub async fn create_programme(&self, input: &NewProgramme) -> Result<Programme, ApiError> {
        self.send_json("POST", "/api/v1/programmes", &to_json(input)?, None)
            .await
    }

    pub async fn update_programme(
        &self,
        programme: &Programme,
        patch: &ProgrammePatch,
    ) -> Result<Programme, ApiError> {
        self.send_json(
            "PATCH",
            &format!("/api/v1/programmes/{}", programme.id),
            &to_json(patch)?,
            Some(programme.version),
        )
        .await
    }

    pub async fn archive_programme(&self, id: Uuid) -> Result<Programme, ApiError> {
        self.post_empty(&format!("/api/v1/programmes/{id}/archive"))
            .await
    }

    // --- projects and their members ---

    /// Every project the caller may see (all pages, fresh).
    pub async fn all_projects(&self, abort: Option<AbortSignal>) -> Result<Vec<Project>, ApiError> {
        self.all_fresh(
            "/api/v1/projects",
            abort.as_ref(),
            |p: varig_types::ProjectPage| (p.items, p.next_cursor),
        )
        .await
    }

    pub async fn create_project(&self, input: &NewProject) -> Result<Project, ApiError> {
        self.send_json("POST", "/api/v1/projects", &to_json(input)?, None)
            .await
    }

    pub async fn archive_project(&self, id: Uuid) -> Result<Project, ApiError> {
        self.post_empty(&format!("/api/v1/projects/{id}/archive"))
            .await
    }

    pub async fn add_member(
        &self,
        project: Uuid,
        input: &NewMembership,
    ) -> Result<Membership, ApiError> {
        self.send_json(
            "POST",
            &format!("/api/v1/projects/{project}/members"),
            &to_json(input)?,
            None,
        )
        .await
    }

    pub async fn change_member_role(
        &self,
        membership: &Membership,
        patch: &MembershipPatch,
    ) -> Result<Membership, ApiError> {
        self.send_json(
            "PATCH",
            &format!("/api/v1/memberships/{}", membership.id),
            &to_json(patch)?,
            Some(membership.version),
        )
        .await
    }

    pub async fn remove_member(&self, id: Uuid) -> Result<Membership, ApiError> {
        self.post_empty(&format!("/api/v1/memberships/{id}/archive"))
            .await
    }

    /// The project's current members, read fresh.
    pub async fn current_members(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<Vec<Membership>, ApiError> {
        self.all_fresh(
            &format!("/api/v1/projects/{project}/members"),
            abort.as_ref(),
            |p: varig_types::MembershipPage| (p.items, p.next_cursor),
        )
        .await
    }

    // --- API tokens and the audit log ---

    pub async fn api_tokens(&self, abort: Option<AbortSignal>) -> Result<Vec<ApiToken>, ApiError> {
        self.all_fresh("/api/v1/api-tokens", abort.as_ref(), |p: ApiTokenPage| {
            (p.items, p.next_cursor)
        })
        .await
    }

    pub async fn create_api_token(&self, input: &NewApiToken) -> Result<ApiTokenCreated, ApiError> {
        self.send_json("POST", "/api/v1/api-tokens", &to_json(input)?, None)
            .await
    }

    pub async fn revoke_api_token(&self, id: Uuid) -> Result<ApiToken, ApiError> {
        self.post_empty(&format!("/api/v1/api-tokens/{id}/revoke"))
            .await
    }

    /// The organisation's audit log (every page, at most 50 of 100 entries).
    pub async fn audit(&self, abort: Option<AbortSignal>) -> Result<Vec<AuditEntry>, ApiError> {
        self.all_fresh("/api/v1/audit", abort.as_ref(), |p: AuditPage| {
            (p.items, p.next_cursor)
        })
        .await
    }

    // --- my account ---

    pub async fn user(&self, id: Uuid, abort: Option<AbortSignal>) -> Result<User, ApiError> {
        self.get_fresh(&format!("/api/v1/users/{id}"), abort.as_ref())
            .await
    }

    /// Changes the caller's password; the server logs out every session of the user, so
    /// this device logs in again with the new password.
    pub async fn change_password(
        &self,
        email: String,
        current_password: String,
        new_password: String,
    ) -> Result<(), ApiError> {
        let body = to_json(&ChangePasswordRequest {
            current_password,
            new_password: new_password.clone(),
        })?;
        self.authed_raw("POST", "/api/v1/auth/password", Some(&body), None)
            .await?;
        self.login(email, new_password).await
    }

    /// Ends every session of the caller on the server (every device) and here.
    pub async fn logout_everywhere(&self) -> Result<(), ApiError> {
        self.authed_raw("POST", "/api/v1/auth/logout-everywhere", None, None)
            .await?;
        self.store(None);
        Ok(())
    }

    /// A new secret calendar address for all the caller's meetings (the old one stops).
    pub async fn create_calendar_feed(&self) -> Result<CalendarFeed, ApiError> {
        self.send_json(
            "POST",
            "/api/v1/calendar-feeds",
            &to_json(&CalendarFeedInput { project_id: None })?,
            None,
        )
        .await
    }

    /// Who the caller is, read fresh.
    pub async fn me_fresh(&self, abort: Option<AbortSignal>) -> Result<varig_types::Me, ApiError> {
        self.get_fresh("/api/v1/me", abort.as_ref()).await
    }
}
