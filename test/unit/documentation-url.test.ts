import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { documentationUrl } from '../../server/src/core/documentation-url';

void describe('documentation links', () => {
	test('a Zoho or GitHub page over https comes back as parsed', () => {
		assert.equal(
			documentationUrl('https://www.zoho.com/crm/developer/docs/api/v8/get-records.html'),
			'https://www.zoho.com/crm/developer/docs/api/v8/get-records.html',
		);
		assert.equal(documentationUrl('https://github.com/zoho/crm-oas'), 'https://github.com/zoho/crm-oas');
		// The parsed form, not the text: the host lower-cased, the empty path a slash.
		assert.equal(documentationUrl('https://WWW.ZOHO.COM'), 'https://www.zoho.com/');
	});

	test('a backslash before "@" is the path to the URL parser: the text given never goes out', () => {
		// The WHATWG parser reads the backslash as "/": host zoho.com, path /@evil.example/. An editor
		// given the raw text reads zoho.com\ as a user name and evil.example as the host.
		assert.equal(documentationUrl('https://zoho.com\\@evil.example/'), 'https://zoho.com/@evil.example/');
	});

	test('a user name or password, another scheme or host, and what is no URL are refused', () => {
		for (const value of [
			'https://user:secret@www.zoho.com/crm/',
			'https://user@www.zoho.com/crm/',
			'https://:secret@github.com/',
			'http://www.zoho.com/crm/',
			'file:///etc/passwd',
			'https://zoho.com.evil.example/',
			'https://evilzoho.com/',
			'https://evil.example/?https://www.zoho.com/',
			'not a url',
			'',
			undefined,
			42,
		]) {
			assert.equal(documentationUrl(value), undefined, String(value));
		}
	});
});
