// The parts of the twilio package a webhook uses: the TwiML builders and the signature validator.
// Importing 'twilio' itself also loads its REST client, a tenth of a second of start-up that
// webhooks never need; the outbox loads that client with its first message.
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';

export { MessagingResponse, VoiceResponse, validateRequest };
