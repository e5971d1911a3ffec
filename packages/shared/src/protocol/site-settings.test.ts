import { describe, expect, it } from 'vitest';
import { siteSettingsSchema } from './site-settings.js';

describe('siteSettingsSchema', () => {
  it('accepts a careers site with a pre-chat form and Berlin office hours', () => {
    const settings = {
      title: 'Acme careers',
      prechat: {
        fields: ['name', 'email', 'topic'],
        required: ['email'],
        topics: ['Application', 'Internship'],
        privacyText: 'I agree that Acme stores my details to answer me.',
        privacyUrl: 'https://acme.example/privacy',
      },
      businessHours: { timeZone: 'Europe/Berlin', weekly: [{ day: 'mon', from: '09:00', to: '17:30' }] },
    };
    expect(siteSettingsSchema.parse(settings)).toEqual(settings);
  });

  it('refuses unknown zones, backwards intervals, script links and unknown keys', () => {
    const bad = [
      { businessHours: { timeZone: 'Mars/Olympus', weekly: [] } },
      { businessHours: { timeZone: 'UTC', weekly: [{ day: 'mon', from: '17:00', to: '09:00' }] } },
      { businessHours: { timeZone: 'UTC', weekly: [{ day: 'mon', from: '9:00', to: '25:00' }] } },
      { prechat: { fields: [], required: [], privacyUrl: 'javascript:alert(1)' } },
      { prechat: { fields: ['phone'], required: [] } },
      { colour: 'red' },
    ];
    for (const settings of bad) expect(siteSettingsSchema.safeParse(settings).success, JSON.stringify(settings)).toBe(false);
  });
});
