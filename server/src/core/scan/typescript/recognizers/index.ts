/**
 * The recognizers of HTTP clients and SDK families, tried in order on every call; the first that
 * knows the call says what request it makes. A new family is one file here and its tests.
 */
import { axiosRecognizer } from './axios';
import { fetchRecognizer } from './fetch';
import { gotRecognizer } from './got';
import { nodeHttpsRecognizer } from './node-https';
import { requestRecognizer } from './request';
import { superagentRecognizer } from './superagent';
import type { CallSite, Recognizer, Request } from './types';
import { widgetSdkRecognizer } from './widget-sdk';
import { zcrmsdkRecognizer } from './zcrmsdk';
import { zdkClientRecognizer } from './zdk-client';
import { zohoMcpRecognizer } from './zoho-mcp';
import { zohoSdkRecognizer } from './zoho-sdk';

export type { CallSite, Recognizer, Request } from './types';

export const RECOGNIZERS: readonly Recognizer[] = [
	fetchRecognizer,
	axiosRecognizer,
	gotRecognizer,
	requestRecognizer,
	superagentRecognizer,
	nodeHttpsRecognizer,
	zohoSdkRecognizer,
	zcrmsdkRecognizer,
	widgetSdkRecognizer,
	zdkClientRecognizer,
	zohoMcpRecognizer,
];

/** The request a call makes, from the first recognizer that knows it. */
export function recogniseCall(site: CallSite): Request | undefined {
	for (const recognizer of RECOGNIZERS) {
		const request = recognizer.recognise(site);
		if (request) return request;
	}
	return undefined;
}
