import { DSURE_MESSAGES } from "./messages";

/** OpenAPI 3.1 description of the D-Sure JSON API, served at GET /api/dsure/v1/openapi.json. */
export function dsureOpenApiDocument({ baseUrl }: { baseUrl: string }) {
  const error = (example: Record<string, unknown>) => ({
    "application/json": { schema: { $ref: "#/components/schemas/Error" }, example },
  });
  const integrity = {
    type: "object",
    required: ["verified", "signatureValid", "contentHashValid", "keyIdValid"],
    properties: {
      verified: { type: "boolean", description: "true: D-Sure shows a certificate only when its whole chain verifies" },
      signatureValid: {
        type: "boolean",
        description:
          "Ed25519 signature over the RFC 8785 canonical JSON of content, by a key of the issuer (GET /api/dsure/v1/public-keys) valid at issuedAt; the signed chain entry that carries this 版 verifies too",
      },
      contentHashValid: { type: "boolean", description: "contentHash is the SHA-256 (hex) of the canonical JSON of content" },
      keyIdValid: { type: "boolean", description: "keyId is the first 16 hex digits of SHA-256 over the key's SPKI DER" },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "D-Sure（発注者用保証確認サービス）API",
      version: "1.0.0",
      description:
        "保証契約番号と認証キーで電子証書を照会します。認証キーは「認証キー等のお知らせ」に記載されています。" +
        "保証契約番号の不存在と認証キーの誤りは同一の応答（404）になります。" +
        "1つの接続元（IPv6 は /64 単位）から15分間に30回、または同じ保証契約番号について5回照会に失敗すると、その接続元からは15分間照会できません（429）。" +
        "電子証書は、保証会社が署名した記録の連鎖（docs/decisions/009-dsure-chain.md）をその都度検証して表示します。検証できない場合は証書を返さず、status TAMPERED と理由を返します。",
    },
    servers: [{ url: baseUrl }],
    paths: {
      "/api/dsure/v1/lookup": {
        post: {
          operationId: "lookupCertificate",
          summary: "電子証書の照会",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/LookupRequest" },
                example: { contractNumber: "2024-0001234-5", authKey: "ABCD-EFGH-JKMN-PQRS" },
              },
            },
          },
          responses: {
            "200": {
              description: "電子証書（現在の版と変更履歴、状態、電子署名の検証結果）、または記録の検証に失敗した旨と理由（証書は返しません）",
              headers: { "Cache-Control": { schema: { type: "string", const: "no-store" } } },
              content: {
                "application/json": {
                  schema: { oneOf: [{ $ref: "#/components/schemas/Certificate" }, { $ref: "#/components/schemas/Tampered" }] },
                },
              },
            },
            "400": { description: "本文がJSONでない", content: error({ error: "invalid_json", message: "リクエストの本文がJSONとして読めません" }) },
            "404": {
              description: "保証契約番号が存在しない、または認証キーが正しくない（どちらも同一の本文）",
              content: error({ error: "not_found", message: DSURE_MESSAGES.notFound }),
            },
            "413": { description: "本文が大きすぎる", content: error({ error: "payload_too_large", message: "リクエストが大きすぎます" }) },
            "422": {
              description: "保証契約番号のチェックデジットの誤り、または項目の形式の誤り（失敗回数には数えません）",
              content: error({ error: "invalid_contract_number", message: DSURE_MESSAGES.checkDigit }),
            },
            "429": {
              description: "照会の失敗が続いたため一時停止中",
              headers: { "Retry-After": { description: "再試行までの秒数", schema: { type: "integer" } } },
              content: error({ error: "too_many_attempts", message: DSURE_MESSAGES.throttled(15), retryAfterSeconds: 900 }),
            },
          },
        },
      },
      "/api/dsure/v1/registrations": {
        post: {
          operationId: "registerEntries",
          summary: "発行者（保証会社）による記録の登録（署名付き要求。発行者向け）",
          description:
            "本文は { payload: { format: \"dsure-registration/1\", issuer, keyId, timestamp, nonce, entries }, signature }。" +
            "signature は payload の RFC 8785 正規化 JSON に対する Ed25519 署名（base64url）。時刻は D-Sure の時計から前後5分以内、" +
            "nonce は一度だけ。同じ記録の再送は一件として扱います（status already）。",
          requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["payload", "signature"] } } } },
          responses: {
            "200": { description: "{ entries }：登録した記録（registered）と登録済みだった記録（already）。各記録に D-Sure の署名付き受領証 receipt（{ receipt: { format: \"dsure-receipt/1\", issuer, contractNumber, seq, entryHash, length, head, at }, keyId, signature }）" },
            "400": { description: "形式の誤り", content: error({ error: "invalid_request", message: "登録要求の形式が正しくありません" }) },
            "401": {
              description: "未登録の発行者・鍵（unknown_key）、その時刻に無効な鍵（key_not_valid）、署名の誤り（bad_signature）、時刻のずれ（stale_timestamp）",
              content: error({ error: "stale_timestamp", message: "登録要求の時刻が古いか、未来の時刻です" }),
            },
            "403": { description: "他の発行者の記録（wrong_issuer）", content: error({ error: "wrong_issuer", message: "他の発行者の記録は登録できません" }) },
            "409": {
              description: "再送された要求（replayed）、または記録が検証を通らない・分岐する（entry_refused）。何も残しません",
              content: error({ error: "replayed", message: "同じ登録要求がすでに受け付けられています（再送）" }),
            },
            "415": { description: "Content-Type が application/json でない" },
          },
        },
      },
      "/api/dsure/v1/issuer-queries": {
        post: {
          operationId: "askAsIssuer",
          summary: "発行者（保証会社）による自社の電子証書についての照会（署名付き要求。発行者向け）",
          description:
            "本文は { payload: { format: \"dsure-issuer-query/1\", issuer, keyId, timestamp, nonce, query }, signature }。署名と時刻は登録と同じ。" +
            "query は { kind: \"views\", contractNumbers }（発注者の閲覧：最初と最後の閲覧時刻）、{ kind: \"alarms\", take }（照会の警告）、" +
            "{ kind: \"chains\", contractNumbers }（照合：各記録のハッシュ、D-Sure による連鎖の検証結果、最新の記録についての D-Sure の署名付き受領証）。" +
            "答えるのは要求した発行者が登録した電子証書だけで、他社の番号や未登録の番号は答えに含めません。",
          requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["payload", "signature"] } } } },
          responses: {
            "200": { description: "{ kind: \"views\", receipts }、{ kind: \"alarms\", alarms, threshold } または { kind: \"chains\", chains }" },
            "400": { description: "形式の誤り", content: error({ error: "invalid_request", message: "照会要求の形式が正しくありません" }) },
            "401": {
              description: "未登録の発行者・鍵（unknown_key）、その時刻に無効な鍵（key_not_valid）、署名の誤り（bad_signature）、時刻のずれ（stale_timestamp）",
              content: error({ error: "bad_signature", message: "照会要求の署名が正しくありません" }),
            },
            "415": { description: "Content-Type が application/json でない" },
          },
        },
      },
      "/api/dsure/v1/public-keys": {
        get: {
          operationId: "listPublicKeys",
          summary: "D-Sure が信頼する発行者（保証会社）の公開鍵と有効期間（設定による）",
          responses: {
            "200": {
              description: "公開鍵の一覧",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["keys", "registry"],
                    properties: {
                      keys: { type: "array", items: { $ref: "#/components/schemas/PublicKey" } },
                      registry: {
                        type: "object",
                        description: "D-Sure 自身の公開鍵（受領証の署名）。保証会社は DSURE_PUBLIC_KEY として固定して使います",
                        required: ["name", "keyId", "algorithm", "publicKeyPem"],
                        properties: {
                          name: { type: "string" },
                          keyId: { type: "string" },
                          algorithm: { type: "string", enum: ["Ed25519"] },
                          publicKeyPem: { type: "string" },
                          jwk: { type: ["object", "null"] },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        LookupRequest: {
          type: "object",
          required: ["contractNumber", "authKey"],
          properties: {
            contractNumber: {
              type: "string",
              maxLength: 64,
              description: "保証契約番号（例 2024-0001234-5）。ハイフン・空白・全角数字は省略・混在可",
            },
            authKey: {
              type: "string",
              maxLength: 64,
              description: "認証キー（英数字16文字）。ハイフン・空白・全角・小文字可",
            },
          },
        },
        Error: {
          type: "object",
          required: ["error", "message"],
          properties: {
            error: { type: "string" },
            message: { type: "string" },
            fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
            retryAfterSeconds: { type: "integer" },
          },
        },
        Version: {
          type: "object",
          required: ["version", "issuedAt", "content", "contentHash", "signature", "integrity"],
          properties: {
            version: { type: "integer", minimum: 1, description: "版" },
            issuedAt: { type: "string", format: "date-time" },
            changeSummary: { type: ["string", "null"], description: "変更内容（第2版以降）" },
            content: {
              type: "object",
              description: "電子証書の内容（署名対象）。金額は円単位の整数、日付は YYYY-MM-DD",
              additionalProperties: true,
            },
            contentHash: { type: "string", pattern: "^[0-9a-f]{64}$" },
            signature: {
              type: "object",
              required: ["algorithm", "keyId", "value"],
              properties: {
                algorithm: { type: "string", const: "Ed25519" },
                keyId: { type: "string", description: "GET /api/dsure/v1/public-keys の keyId" },
                value: { type: "string", description: "base64url" },
              },
            },
            integrity,
          },
        },
        Certificate: {
          type: "object",
          required: ["contractNumber", "status", "statusLabel", "integrity", "certificate", "versions"],
          properties: {
            contractNumber: { type: "string" },
            guaranteeType: { type: "string", enum: ["ADVANCE_PAYMENT", "INTERMEDIATE_ADVANCE", "CONTRACT"] },
            guaranteeTypeLabel: { type: "string" },
            status: {
              type: "string",
              enum: ["VALID", "CANCELLED", "EXPIRED", "TAMPERED"],
              description: "VALID 有効 / CANCELLED 解約 / EXPIRED 保証期間満了 / TAMPERED 改ざんの疑いがあります",
            },
            statusLabel: { type: "string" },
            lifecycleStatus: { type: "string", enum: ["VALID", "CANCELLED", "EXPIRED"] },
            periodTo: { type: "string", format: "date" },
            cancelDate: { type: ["string", "null"], format: "date" },
            integrity: {
              type: "object",
              required: ["verified", "message"],
              properties: { verified: { type: "boolean" }, message: { type: "string" } },
            },
            currentVersion: { type: "integer" },
            issuer: {
              type: "object",
              description: "登録した保証事業会社（D-Sure の設定での発行者コードと名称）",
              required: ["code", "name"],
              properties: { code: { type: "string" }, name: { type: "string" } },
            },
            certificate: { $ref: "#/components/schemas/Version" },
            versions: { type: "array", items: { $ref: "#/components/schemas/Version" } },
            checkedAt: { type: "string", format: "date-time" },
          },
        },
        Tampered: {
          type: "object",
          required: ["contractNumber", "status", "statusLabel", "integrity", "checkedAt"],
          properties: {
            contractNumber: { type: "string" },
            status: { type: "string", const: "TAMPERED" },
            statusLabel: { type: "string", const: DSURE_MESSAGES.tampered },
            integrity: {
              type: "object",
              required: ["verified", "message", "reason", "reasonLabel", "seq"],
              properties: {
                verified: { type: "boolean", const: false },
                message: { type: "string" },
                reason: {
                  type: "string",
                  enum: ["empty", "malformed", "wrong_certificate", "sequence", "previous_hash", "unknown_key", "key_not_valid", "signature", "content_hash", "order", "key_binding"],
                },
                reasonLabel: { type: "string" },
                seq: { type: "integer", description: "検証に失敗した最初の記録の番号（0: 連鎖全体）" },
              },
            },
            checkedAt: { type: "string", format: "date-time" },
          },
        },
        PublicKey: {
          type: "object",
          required: ["issuer", "issuerName", "keyId", "algorithm", "publicKeyPem", "validFrom", "validTo"],
          properties: {
            issuer: { type: "string", description: "発行者コード" },
            issuerName: { type: "string" },
            keyId: { type: "string" },
            algorithm: { type: "string", const: "Ed25519" },
            publicKeyPem: { type: "string" },
            jwk: { type: ["object", "null"] },
            validFrom: { type: ["string", "null"], format: "date-time", description: "null: 期限の定めなし" },
            validTo: { type: ["string", "null"], format: "date-time", description: "この時刻より前の記録のみ有効（null: 期限の定めなし）" },
          },
        },
      },
    },
  };
}
