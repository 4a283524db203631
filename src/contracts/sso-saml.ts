import { Type, type Static } from 'typebox';

/** One of the identity provider's signing certificates, as the console shows it. */
export const SamlCertificate = Type.Object({
  subject: Type.String(),
  fingerprintSha256: Type.String(),
  notAfter: Type.String(),
});

/** A SAML connection's two sides: what to give the identity provider, and what we read from it. */
export const SamlConnectionDetails = Type.Object({
  /** Our SP metadata for the identity provider (entity ID and ACS URL inside). */
  spMetadataUrl: Type.String(),
  spEntityId: Type.String(),
  acsUrl: Type.String(),
  idpEntityId: Type.String(),
  idpSsoUrl: Type.String(),
  idpMetadataUrl: Type.Union([Type.String(), Type.Null()]),
  certificates: Type.Array(SamlCertificate),
  allowIdpInitiated: Type.Boolean(),
});
export type SamlConnectionDetails = Static<typeof SamlConnectionDetails>;

const MetadataXml = Type.String({ minLength: 1, maxLength: 500_000 });
const MetadataUrl = Type.String({ minLength: 1, maxLength: 2000 });
const Certificates = Type.Array(Type.String({ minLength: 1, maxLength: 20_000 }), { minItems: 1, maxItems: 2 });

/** Either the metadata XML (pasted or uploaded) or its URL. */
export const CreateSamlConnectionBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  metadataXml: Type.Optional(MetadataXml),
  metadataUrl: Type.Optional(MetadataUrl),
  jitEnabled: Type.Optional(Type.Boolean()),
  allowIdpInitiated: Type.Optional(Type.Boolean()),
});

/**
 * New metadata (XML or URL; `refreshMetadata` reads the saved URL again), or the signing
 * certificates by hand: add the new one next to the old during a rotation, then remove the old.
 * Name, just-in-time accounts and enabled change as for any connection.
 */
export const UpdateSamlConnectionBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  jitEnabled: Type.Optional(Type.Boolean({ description: 'Create an account at the first sign-in of someone without one.' })),
  enabled: Type.Optional(Type.Boolean({ description: 'Whether sign-in through this connection is offered.' })),
  metadataXml: Type.Optional(MetadataXml),
  metadataUrl: Type.Optional(MetadataUrl),
  refreshMetadata: Type.Optional(Type.Boolean()),
  certificates: Type.Optional(Certificates),
  allowIdpInitiated: Type.Optional(Type.Boolean()),
});
