-- Staff who sign in with single sign-on (OpenID Connect) are linked to their identity provider's
-- account by issuer and subject, never by a name that a provider could reuse.
alter table app_user add column sso_issuer text;
alter table app_user add column sso_subject text;
create unique index app_user_sso on app_user (sso_issuer, sso_subject) where sso_subject is not null;
