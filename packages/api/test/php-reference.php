<?php
// The PHP reference for the property tests: reads a JSON array of cases from stdin, answers a JSON
// array with, for each case, what Zadarma's PHP client computes (ksort + http_build_query RFC 1738,
// then the signature), exactly as in its official SDK.
$cases = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
$out = [];
foreach ($cases as $case) {
    $params = $case['params'];
    ksort($params);
    $query = http_build_query($params, '', '&', PHP_QUERY_RFC1738);
    $sign = base64_encode(hash_hmac('sha1', $case['path'] . $query . md5($query), $case['secret']));
    $out[] = ['query' => $query, 'signature' => $sign];
}
echo json_encode($out, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE);
