//! Indicators and measurements, the project dashboard (with the fade risk) and the
//! sustainability self-assessment. Reads are remembered for offline use like the others;
//! writes need the network.

use uuid::Uuid;
use varig_types::{
    FadeRiskHistory, FadeSettings, Indicator, IndicatorInput, IndicatorList, Measurement,
    MeasurementCorrection, MeasurementInput, MeasurementList, NewSustainabilityAssessment,
    OrganisationOverview, ProjectDashboard, SustainabilityAssessment, SustainabilityAssessmentList,
    SustainabilityModel, SustainabilityResponseInput,
};
use web_sys::AbortSignal;

use super::{to_json, Api, ApiError, Freshness};

impl Api {
    /// Everything the project's dashboard shows, in one call.
    pub async fn dashboard(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(ProjectDashboard, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/projects/{project}/dashboard"),
            abort.as_ref(),
        )
        .await
    }

    /// The first 50 projects of the organisation the caller may see, each as on its
    /// dashboard (the largest page the server gives).
    pub async fn organisation_overview(
        &self,
        organisation: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(OrganisationOverview, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/organisations/{organisation}/overview?limit=50"),
            abort.as_ref(),
        )
        .await
    }

    /// The fade risk recorded each day, oldest first.
    pub async fn fade_history(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(FadeRiskHistory, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/projects/{project}/fade-risk/history"),
            abort.as_ref(),
        )
        .await
    }

    /// How the project's fade risk is computed (the defaults until someone changed them).
    pub async fn fade_settings(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(FadeSettings, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/projects/{project}/fade-risk/settings"),
            abort.as_ref(),
        )
        .await
    }

    /// Replaces the fade-risk settings (owner, leader or organisation admin; 422 names the
    /// fields, e.g. `signals[2].weight`).
    pub async fn update_fade_settings(
        &self,
        project: Uuid,
        input: &FadeSettings,
    ) -> Result<FadeSettings, ApiError> {
        self.write_json(
            "PUT",
            &format!("/api/v1/projects/{project}/fade-risk/settings"),
            &to_json(input)?,
            None,
        )
        .await
    }

    /// Every indicator of a project with its status now.
    pub async fn indicators(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(IndicatorList, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/projects/{project}/indicators"),
            abort.as_ref(),
        )
        .await
    }

    pub async fn indicator(
        &self,
        id: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(Indicator, Freshness), ApiError> {
        self.get_remembered(&format!("/api/v1/indicators/{id}"), abort.as_ref())
            .await
    }

    /// Defines an indicator (project owner, leader or organisation admin).
    pub async fn create_indicator(
        &self,
        project: Uuid,
        input: &IndicatorInput,
    ) -> Result<Indicator, ApiError> {
        self.write_json(
            "POST",
            &format!("/api/v1/projects/{project}/indicators"),
            &to_json(input)?,
            None,
        )
        .await
    }

    /// Replaces an indicator's definition; `version` is the one that was read (412 if it
    /// changed since). Its measurements stay.
    pub async fn update_indicator(
        &self,
        id: Uuid,
        version: i64,
        input: &IndicatorInput,
    ) -> Result<Indicator, ApiError> {
        self.write_json(
            "PUT",
            &format!("/api/v1/indicators/{id}"),
            &to_json(input)?,
            Some(version),
        )
        .await
    }

    /// Deletes an indicator with its measurements (412 if it changed since `version`).
    pub async fn delete_indicator(&self, id: Uuid, version: i64) -> Result<(), ApiError> {
        self.authed_request(
            "DELETE",
            &format!("/api/v1/indicators/{id}"),
            None,
            Some(&format!("\"{version}\"")),
            None,
        )
        .await
        .map(|_| ())
    }

    /// An indicator's values, oldest period first.
    pub async fn measurements(
        &self,
        indicator: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(MeasurementList, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/indicators/{indicator}/measurements"),
            abort.as_ref(),
        )
        .await
    }

    /// Records the value of one period (409 if the period already has one).
    pub async fn record_measurement(
        &self,
        indicator: Uuid,
        input: &MeasurementInput,
    ) -> Result<Measurement, ApiError> {
        self.write_json(
            "POST",
            &format!("/api/v1/indicators/{indicator}/measurements"),
            &to_json(input)?,
            None,
        )
        .await
    }

    /// One measurement with its earlier values, newest first.
    pub async fn measurement(
        &self,
        id: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(Measurement, Freshness), ApiError> {
        self.get_remembered(&format!("/api/v1/measurements/{id}"), abort.as_ref())
            .await
    }

    /// A new value for a measurement's period (412 if it changed since `version` was read);
    /// the answer lists the earlier values, newest first.
    pub async fn correct_measurement(
        &self,
        id: Uuid,
        version: i64,
        input: &MeasurementCorrection,
    ) -> Result<Measurement, ApiError> {
        self.write_json(
            "PUT",
            &format!("/api/v1/measurements/{id}"),
            &to_json(input)?,
            Some(version),
        )
        .await
    }

    /// Every measurement of the project's indicators as CSV (the bearer token is needed, so
    /// the page offers the text as a download).
    pub async fn measurements_csv(&self, project: Uuid) -> Result<String, ApiError> {
        self.authed_raw(
            "GET",
            &format!("/api/v1/projects/{project}/measurements.csv"),
            None,
            None,
        )
        .await
    }

    /// The ten factors with their weights and texts, and the scale 1–4.
    pub async fn sustainability_model(
        &self,
        abort: Option<AbortSignal>,
    ) -> Result<(SustainabilityModel, Freshness), ApiError> {
        self.get_remembered("/api/v1/sustainability/model", abort.as_ref())
            .await
    }

    /// Every round of a project's self-assessment, oldest first.
    pub async fn sustainability_rounds(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(SustainabilityAssessmentList, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/projects/{project}/sustainability-assessments"),
            abort.as_ref(),
        )
        .await
    }

    /// Opens a round (project owner, leader or organisation admin; one open at a time).
    pub async fn open_sustainability_round(
        &self,
        project: Uuid,
        input: &NewSustainabilityAssessment,
    ) -> Result<SustainabilityAssessment, ApiError> {
        self.write_json(
            "POST",
            &format!("/api/v1/projects/{project}/sustainability-assessments"),
            &to_json(input)?,
            None,
        )
        .await
    }

    /// The caller's ratings of every factor (replacing earlier ones in the round).
    pub async fn rate_sustainability(
        &self,
        round: Uuid,
        input: &SustainabilityResponseInput,
    ) -> Result<SustainabilityAssessment, ApiError> {
        self.write_json(
            "PUT",
            &format!("/api/v1/sustainability-assessments/{round}/response"),
            &to_json(input)?,
            None,
        )
        .await
    }

    pub async fn close_sustainability_round(
        &self,
        round: Uuid,
    ) -> Result<SustainabilityAssessment, ApiError> {
        let body = self
            .authed_raw(
                "POST",
                &format!("/api/v1/sustainability-assessments/{round}/close"),
                None,
                None,
            )
            .await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }
}
